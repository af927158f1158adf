// Reads each file named on the command line through portal-format.js and back; prints one JSON
// line per file: whether the bytes came back unchanged, and the fields the editor would see.
import { readFileSync } from "node:fs";
import { fromFile, toFile } from "./portal-format.js";

for (const path of process.argv.slice(2)) {
  const text = readFileSync(path, "utf8");
  const data = fromFile(text);
  const fields = Object.fromEntries(Object.entries(data).filter(([key]) => !key.startsWith("__")));
  process.stdout.write(JSON.stringify({ path, same: toFile(data) === text, fields }) + "\n");
}
