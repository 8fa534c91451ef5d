"""Bijlage 2 shows the processes as they run: diagrams and step lists generated from the viewflow flows
(art. 11.1: the published procesbeschrijving; issue 9 point 3)."""

from __future__ import annotations

import base64
from textwrap import wrap

import pytest
from bs4 import BeautifulSoup

from flows.casusoverleg import CasusoverlegFlow
from flows.rights import RightsRequestFlow
from flows.weegploeg import WeegploegFlow
from pages.process_diagrams import PROCESS_FLOWS, flow_diagram, process_diagrams

pytestmark = pytest.mark.django_db


def test_art_11_1_bijlage_2_has_a_diagram_and_step_list_per_running_flow(site, client):
    soup = BeautifulSoup(client.get("/convenant/bijlage-2/").content, "html.parser")
    assert "Deze bijlage beschrijft het proces" in soup.get_text()  # the editors' text stays
    for flow_class in (WeegploegFlow, CasusoverlegFlow, RightsRequestFlow):
        section = soup.find(id=f"proces-{flow_class.__name__.lower()}")
        assert section is not None, flow_class.__name__
        image = section.find("img")
        assert image["alt"].startswith("Processchema: ")
        svg = base64.b64decode(image["src"].split(",", 1)[1]).decode()
        steps = section.select("ol.process-steps > li")
        titled = [node for node in flow_class.instance.nodes() if node.task_title]
        assert len(steps) == len(list(flow_class.instance.nodes()))
        for node in titled:  # each step of the running flow, in its own words, in picture and text
            assert wrap(str(node.task_title), 20)[0] in svg
            assert any(li.get_text().startswith(str(node.task_title)) for li in steps), node.name


def test_art_11_1_a_changed_flow_changes_the_diagram():
    """The diagram is drawn from the flow class, so a new step appears without anyone editing bijlage 2."""
    from viewflow import this
    from viewflow.workflow import flow

    class TwoSteps(flow.Flow):
        process_class = WeegploegFlow.process_class
        start = flow.StartHandle().Annotation(title="Begonnen").Next(this.check)
        check = flow.View(lambda request: None).Annotation(title="Extra controle door de uitvoerder").Next(this.end)
        end = flow.End().Annotation(title="Klaar")

    diagram = flow_diagram(TwoSteps, "Proef")
    assert [s.title for s in diagram.steps] == ["Begonnen", "Extra controle door de uitvoerder", "Klaar"]
    assert [s.kind for s in diagram.steps] == ["begin", "taak voor een medewerker", "einde"]
    assert diagram.steps[1].next_steps == ["Klaar"]
    assert "Extra controle door" in diagram.svg  # drawn in lines of at most 20 characters


def test_art_11_1_every_listed_flow_is_drawn_and_gateways_read_ja_nee_in_dutch():
    diagrams = process_diagrams()
    assert len(diagrams) == len(PROCESS_FLOWS)
    weegploeg = diagrams[0]
    gateway = next(s for s in weegploeg.steps if s.kind == "keuze")
    assert all(n.startswith(("ja: ", "nee: ")) for n in gateway.next_steps)
    assert ">yes<" not in weegploeg.svg
    assert ">no<" not in weegploeg.svg
