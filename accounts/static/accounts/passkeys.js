// After django-otp-webauthn linked a passkey: go on to the page named in data-passkey-after (the
// list of passkeys, or the page the login was headed for). A file of our own: the CSP allows no
// inline script.
document.addEventListener("otp_webauthn.register_complete", function () {
  var box = document.querySelector("[data-passkey-after]");
  window.location.assign(box ? box.getAttribute("data-passkey-after") : window.location.href);
});
