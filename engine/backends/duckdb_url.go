package backends

// duckDBScheme starts a DuckDB URL, in every build.
const duckDBScheme = "duckdb:"
