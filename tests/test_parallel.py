"""Producers run side by side give exactly what `build_outputs` gives in one process; failures are named."""

from __future__ import annotations

import copy

import pytest

from generator.build import outputs, parallel
from generator.records.dataset import load_dataset
from generator.records.redact import publishable
from tests.sitebuild import SITE_FIXTURES, copy_project

SETTINGS = {"site_name": "Test"}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return publishable(load_dataset(copy_project(tmp_path_factory.mktemp("p"), SITE_FIXTURES / "small")))


def test_parallel_equals_serial(dataset):
    serial = outputs.build_outputs(dataset, SETTINGS)
    for workers in (1, 2, 3):
        out = parallel.build_outputs_parallel(dataset, SETTINGS, workers)
        assert list(out.pages) == list(serial.pages) and out.pages == serial.pages
        assert out.assets == serial.assets


def test_a_failing_producer_is_named(dataset, monkeypatch):
    monkeypatch.setattr(parallel, "PRODUCERS", ["generator.site.pages:produce", "tests.test_parallel:broken"])
    for workers in (1, 2):
        with pytest.raises(parallel.ProducerError, match=r"tests.test_parallel:broken: RuntimeError: no index"):
            parallel.build_outputs_parallel(dataset, SETTINGS, workers)


def test_two_producers_writing_one_page_clash(dataset, monkeypatch):
    monkeypatch.setattr(parallel, "PRODUCERS", ["generator.site.pages:produce", "generator.site.pages:produce"])
    with pytest.raises(ValueError, match="which another producer wrote"):
        parallel.build_outputs_parallel(dataset, SETTINGS, 2)


def broken(dataset, settings):
    raise RuntimeError("no index")


def test_publishing_twice_copies_nothing(dataset):
    """The build redacts once (plugin.on_config); each producer's publishable() then returns the same dataset."""
    assert dataset.public and publishable(dataset) is dataset


def test_producers_leave_the_shared_dataset_as_it_is(dataset):
    """Producers share one public dataset (publishable copies no more), so none may change it."""
    before = copy.deepcopy((dataset.organizations, dataset.retired))
    outputs.build_outputs(dataset, SETTINGS)
    assert (dataset.organizations, dataset.retired) == before


def test_deferred_producers_write_their_assets_into_the_site(dataset, tmp_path):
    """`ccci build`'s way (parallel.start): the deferred producers' assets go straight to site_dir, their pages come
    back when joined; together that is exactly what build_outputs gives."""
    serial = outputs.build_outputs(dataset, SETTINGS)
    started = parallel.start(dataset, SETTINGS, tmp_path, 2)
    assert started is not None
    try:
        first = started.first()
        later = {name: started.deferred(name) for name in outputs.DEFERRED}
    finally:
        started.close()
    pages = dict(first.pages)
    for name, (its_pages, _) in later.items():
        assert sorted(its_pages) == sorted(outputs.DEFERRED[name])
        pages.update(its_pages)
    written = {f.relative_to(tmp_path).as_posix(): f.read_bytes() for f in tmp_path.rglob("*") if f.is_file()}
    assert sorted(written) == sorted(path for _, paths in later.values() for path in paths)
    assert not written.keys() & first.assets.keys()
    assert pages == serial.pages and {**first.assets, **written} == serial.assets


def test_a_failing_deferred_producer_is_named(dataset, monkeypatch, tmp_path):
    monkeypatch.setattr(parallel, "PRODUCERS", ["generator.site.pages:produce", "tests.test_parallel:broken"])
    monkeypatch.setattr(parallel, "DEFERRED", {"tests.test_parallel:broken": ()})
    started = parallel.start(dataset, SETTINGS, tmp_path, 2)
    assert started is not None
    try:
        assert started.first().pages  # the page producer is not held up by the broken one
        with pytest.raises(parallel.ProducerError, match=r"tests.test_parallel:broken: RuntimeError: no index"):
            started.deferred("tests.test_parallel:broken")
    finally:
        started.close()


def test_another_languages_producers_start_ahead_and_are_used_only_with_its_settings(dataset, tmp_path):
    """`ccci build` starts the Spanish producers with the English ones (plugin `_ahead`): what comes back is what
    its own build would make, and nothing when its build's settings turn out to be different."""
    spanish = {**SETTINGS, "language": "es"}
    own = parallel.build_outputs_parallel(dataset, spanish, 1, outputs.PER_LANGUAGE)
    started = parallel.start(dataset, SETTINGS, tmp_path, 2, ahead={"es": spanish, "fr": {**spanish, "x": 1}})
    assert started is not None
    try:
        started.first()
        assert started.pending
        got = started.ahead("es", spanish)
        assert got is not None and list(got.pages.items()) == list(own.pages.items()) and got.assets == own.assets
        assert started.ahead("es", spanish) is None  # taken
        assert started.ahead("fr", spanish) is None and not started.pending  # started with other settings
    finally:
        started.close()
