// A table whose delimiter row has fewer cells than its header is not a table: its rows would be
// missing from the types, so it fails the build although the CLI only warns.
graphdoc::models!("tests/ui/pages/malformed-table");

fn main() {}
