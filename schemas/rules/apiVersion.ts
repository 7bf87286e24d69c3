/** API version the schema's own queries (custom validation, Studio structure) are written for. */
export const SCHEMA_API_VERSION = '2025-02-19'
