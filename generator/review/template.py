"""The annotated record template: every field explained in a comment (`ccci new --annotated`, docs/contributing.md).

Every comment is on its own line (a comment after a value would cut it off), optional fields are commented out,
and each blank says TODO, so `ccci validate` names what is left and the site build refuses it until it is done.
"""

from __future__ import annotations

TEMPLATE = """\
# A record for one organization. Lines that start with # are notes for you: delete them when you are done
# ('ccci fmt' removes them too). Replace every TODO. Allowed values: docs/reference/schema.md.
#
# id: lowercase words joined by hyphens. It must be the same as the file name (without .yaml).
id: {id}
# name: the organization's name, as it writes it.
name: {name}
# alternate_name: another name people know it by (optional).
# alternate_name: TODO
# description: what the organization does and who it helps, in plain words. Write it on one line, or after
# "description: |" on the lines below, indented two spaces. Put text with ": " or " #" in double quotes.
description: "TODO: say in plain words what this organization does and who it helps."
# website: the home page, starting with https:// (optional).
# website: https://TODO
# email: a public contact address, never a person's own address (optional).
# email: TODO
# phones: the organization's public numbers (optional). Each one starts with "- ".
#   number: in quotes, "+1" and 10 digits ('ccci fmt' rewrites (208) 555-0100 for you), or a short code.
#   type: hotline, voice, text, tty or fax.   description: a few words, e.g. "24/7 help line".
#   hours: "24/7", or a weekly schedule as under services.   languages: codes, e.g. [en, es].
# phones:
#   - number: "TODO"
#     type: hotline
# locations: public places (optional). A shelter or safe house is confidential: give only city, county and
# state, and set confidential: true. Never write its street, ZIP code or map position.
#   id: a short name for the place, used by services below.   accessibility / safety: codes from the schema page.
#   geo: the map position of a public place, lat and lon, e.g. geo: {lat: 43.6187, lon: -116.2035} (optional).
# locations:
#   - id: office
#     name: TODO
#     address:
#       street: TODO
#       city: TODO
#       county: TODO
#       state: ID
#       postal_code: "TODO"
# services: what people can get here. Each service starts with "- ".
services:
  # id: a short name for the service, unique in this record.
  - id: main-service
    # name: the service's name, in plain words.
    name: "TODO: name of the service"
    # service_area: one code from the list of service areas, e.g. housing, legal, health, advocacy.
    service_area: TODO
    # categories: codes of the kinds of help, from that service area (optional), e.g. [emergency-shelter].
    # description: what the service does, in plain words.
    description: "TODO: what the service does, in plain words."
    # populations: who it is for, as codes (optional), e.g. [adults, youth]. languages: e.g. [en, es].
    # interpretation: other languages by interpreter, in words (optional).
    # eligibility: who can use it, in plain words, if there are rules (optional).
    # fees: type is free, sliding-scale, insurance or fee; description says more (optional).
    # how_to_get_help: walk_in, call_first, referral_required (true or false, no quotes), steps (text),
    # what_to_bring (a list) (optional).
    # hours: "24/7", or a weekly schedule (optional). Times are "HH:MM" in quotes, 24-hour:
    #   hours:
    #     weekly:
    #       - days: [mo, tu, we, th, fr]
    #         opens: "09:00"
    #         closes: "17:00"
    # coverage: where people can get the service. scope is national, statewide or local; local needs
    # regions (codes) and/or counties (names in a list, e.g. counties: [Twin Falls, Jerome]).
    coverage:
      scope: TODO
    # locations: ids of places above where the service is given (optional), e.g. [office].
    # phones: numbers for this service only (optional), written like the phones above.
    # url: the service's own web page (optional).
# verification: how we know the facts are right.
verification:
  # status: unverified, until a person confirmed the record with the organization. Then a maintainer sets
  # status: verified, last_verified: "YYYY-MM-DD", method: phone, email, site-visit or website, and
  # verified_by_role: who checked, as a role (never a name), e.g. CCCI volunteer. Or runs 'ccci verify'.
  status: unverified
  # sources: where each fact comes from: a public page or document. Each starts with "- ".
  #   url: the address.   seen: the date the source shows, e.g. "2026-05".   facts: what it supports,
  #   e.g. [phone, address].
  sources:
    - url: https://example.org/TODO
  # notes: notes for maintainers (optional). They are not published. Never write anything about a person.
# tags: extra search words, e.g. other spellings (optional).
# tags: [TODO]
# retired: added by 'ccci retire' (or by hand) when the program closed or merged; see CONTRIBUTING.md.
"""


def annotated(ident: str, name: str) -> str:
    """The template for one new record. `name` is written in double quotes, escaped."""
    quoted = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return TEMPLATE.replace("{id}", ident, 1).replace("{name}", quoted, 1)
