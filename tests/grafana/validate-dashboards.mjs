// Validates Grafana dashboard JSON files against the Dashboard type of @grafana/schema, turned into a
// JSON Schema by ts-json-schema-generator. Usage: node validate-dashboards.mjs FILE.json...
// Prints one line per file (valid / INVALID with the schema errors); exits 1 if any is invalid.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import fs from "fs";
import path from "path";
import { createGenerator } from "ts-json-schema-generator";

const here = path.dirname(new URL(import.meta.url).pathname);
const types = path.join(here, "node_modules/@grafana/schema/dist/types/raw/dashboard/x/types.gen.d.ts");
const cache = path.join(here, "node_modules/.dashboard.schema.json");
let schema;
if (fs.existsSync(cache)) {
  schema = JSON.parse(fs.readFileSync(cache, "utf8"));
} else {
  schema = createGenerator({ path: types, type: "Dashboard", skipTypeCheck: true }).createSchema("Dashboard");
  fs.writeFileSync(cache, JSON.stringify(schema));
}
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
let invalid = 0;
for (const file of process.argv.slice(2)) {
  if (validate(JSON.parse(fs.readFileSync(file, "utf8")))) {
    console.log(`${file}: valid`);
  } else {
    invalid++;
    console.log(`${file}: INVALID`);
    for (const e of validate.errors) console.log(`  ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  }
}
process.exit(invalid ? 1 : 0);
