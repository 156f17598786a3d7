"""Which HSDS 3.0 field goes where on import: the fields each object may have, the ones we read, why the others
stay out, and where the length limit of each of our fields sits in schema/organization.schema.json."""

from __future__ import annotations

from generator.opendata.hsds_tables import TABLES

DEFAULT_LIMIT = 500  # the length limit of a field whose limit the schema does not give

# Fields each HSDS object may have (3.0), so that anything else is reported as unknown.
_NESTED = {
    "organization": "funding contacts phones locations programs organization_identifiers attributes metadata services",
    "service": "phones schedules service_areas service_at_locations languages organization funding cost_options "
    "program required_documents contacts attributes metadata",
    "location": "languages addresses contacts accessibility phones schedules attributes metadata",
    "phone": "languages attributes metadata",
    "service_at_location": "contacts phones schedules location attributes metadata",
    "attribute": "taxonomy_term metadata",
    "taxonomy_term": "taxonomy_detail metadata",
}
KNOWN = {
    name: set(fields.split()) | set(_NESTED.get(name, "attributes metadata").split())
    for name, (_, fields) in TABLES.items()
}
# Fields we read, per object; the other known ones are reported as having no place in our records.
USED = {
    "organization": "id name alternate_name description email website phones locations organization_identifiers "
    "attributes services",
    "service": "id organization_id name description url status interpretation_services application_process "
    "fees_description eligibility_description assured_date phones schedules service_areas "
    "service_at_locations languages organization required_documents attributes",
    "location": "id location_type organization_id name description latitude longitude external_identifier "
    "external_identifier_type addresses accessibility phones attributes",
    "phone": "id organization_id service_id location_id number extension type description languages attributes",
    "address": "id location_id address_1 address_2 city region state_province postal_code country address_type",
    "schedule": "id service_id freq byday opens_at closes_at description notes",
    "service_area": "id service_id name description",
    "service_at_location": "id service_id location_id location",
    "language": "id service_id phone_id location_id name code",
    "accessibility": "id location_id description",
    "required_document": "id service_id document",
    "attribute": "id link_id taxonomy_term_id link_type link_entity value taxonomy_term",
    "organization_identifier": "id organization_id identifier_type identifier identifier_scheme",
}
WHY_NOT = {
    "contacts": "people's names and details are never imported",
    "assurer_email": "people's details are never imported",
    "metadata": "change history is not kept in records",
}
LIMITS = {  # our field -> JSON pointer of its maxLength in organization.schema.json
    "name": "/properties/name",
    "alternate_name": "/properties/alternate_name",
    "description": "/properties/description",
    "tag": "/properties/tags/items",
    "phone.description": "/$defs/phone/properties/description",
    "note": "/$defs/hours/oneOf/1/properties/note",
    "location.name": "/$defs/location/properties/name",
    "location.description": "/$defs/location/properties/description",
    "street": "/$defs/address/properties/street",
    "street2": "/$defs/address/properties/street2",
    "city": "/$defs/address/properties/city",
    "county": "/$defs/address/properties/county",
    "service.name": "/$defs/service/properties/name",
    "service.description": "/$defs/service/properties/description",
    "interpretation": "/$defs/service/properties/interpretation",
    "fees.description": "/$defs/service/properties/fees/properties/description",
    "eligibility": "/$defs/service/properties/eligibility",
    "steps": "/$defs/service/properties/how_to_get_help/properties/steps",
    "what_to_bring": "/$defs/service/properties/how_to_get_help/properties/what_to_bring/items",
    "notes": "/$defs/verification/properties/notes",
}
