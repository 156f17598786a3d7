"""Idaho CCCI resource directory: YAML records in, a static website and open data out.

The map (each folder is one stage; a stage imports only the stages below it, checked by import-linter in
`make test`: the contracts are in pyproject.toml):

    cli/        `ccci` and its commands (main: the parser; data, site, export, coverage: the commands)
    plugin/     the MkDocs adapter, the ONLY package that imports MkDocs: __init__ (the plugin), pages (program
                pages read and written by site/direct.py, the theme's scripts, the Spanish table of contents),
                editions (the other languages' editions built by a forked process beside the default one)
    build/      one build: check.py (every check a build runs), outputs.py (the producers, in order),
                parallel.py (the producers side by side; in `ccci build` the finder, exports and robots.txt
                keep running beside MkDocs)
    site/       producers of pages: pages (records -> Markdown; render: escaping, templates, sections, Site),
                retired, robots, jsonld, settings, corrections, rawhtml (generated pages' raw HTML kept out of
                Python-Markdown), direct (program pages' Markdown and front matter read without Python-Markdown
                and YAML), frame (program pages set into one cached page frame per language build);
                tables (a Markdown extension: tables in a keyboard-reachable scroll box); theme_words (the
                theme's `t` for a plain MkDocs build without the plugin)
    finder/     the finder page (/find/): text (words, stems, synonyms, data/search files), index (its own index
                format with lunr's scores, and the Python twin of finder.js's scorer; postings: each term's
                postings as one short string), documents (result
                documents, index documents, routes), places (places table, city and county centres), page (the
                page, from site_templates/finder/page.md.j2), first (its first results, drawn at build time: the
                twin of render.js), rank (result order), guides (the guides' sections),
                produce (the producer; joins static/src/*.js into finder.js), static/ (JS parts, CSS,
                vendor/lunr.js)
    opendata/   export (JSON, CSV, HSDS), hsds (our records as HSDS 3.0; hsds_terms: its terms and values),
                hsds_tables (HSDS tables, taxonomies, ids, the tabular form), hsds_import (HSDS -> drafts) with
                its parts: hsds_read (the document, checked fields, notes), hsds_fields (which HSDS field goes
                where), hsds_values (phones, hours, languages), hsds_places (places, with the confidentiality
                rules), hsds_services (services)
    review/     maintainers' aids: changes (`ccci diff`), checklist, template (`ccci new`), schema_docs,
                translations (`ccci coverage --spanish`: which records have Spanish text)
    present/    what a record means to a reader, one module per policy, shared by every output: labels (the
                words for each schema code), phones (display, E.164, tel:/sms:), urls (the slug, every page
                link, safe hrefs), services (scope, counties served, 24/7, walk-in, free, reachable), words
                (dates, hours, languages), values (reading malformed values), views (cards, places,
                verification), hotlines, plain (plain words for exports and review), coverage, outputs
                (what producers return), strings (the interface's words per language: i18n/es/strings.yaml),
                minify (the JavaScript the site ships)
    records/    load (safe YAML with positions; yaml_errors words its mistakes) -> schema_check (layer 1) ->
                rules, rules_safety, rules_across (layer 2) -> validate (one sorted list of problems) -> report
                (text, JSON, GitHub); dataset (the loaded records), redact (what may be published), unfinished
                (drafts that may not be published), geo, leaks, fmt (the canonical writer), clock (today,
                STALE_DAYS), problems, types (a valid record as TypedDicts, checked against the schema)

One record's path from YAML to HTML: data/organizations/<id>.yaml -> records.load (nodes keep their line) ->
records.validate (schema, then rules; build.check adds the finder's data files) -> records.dataset.Dataset ->
records.redact.publishable (confidential places stripped) -> build.parallel runs the producers:
site.pages (present.views and the policy modules beside it decide each card's words and links;
site_templates/pages/*.md.j2 renders them into org/<id>.md), finder.produce (its result document and index
entry), opendata.export (JSON, CSV, HSDS) ->
plugin hands the Markdown to MkDocs, which renders org/<id>/index.html with site_templates/theme.
"""

__version__ = "0.1.0"
