#!/usr/bin/env node
// Validates many Amazon States Language machines with the pinned asl-validator in one node process.
//
//   node tools/asl-validator/validate.js [--json] PATH...   files or folders (folders are searched recursively)
//   node tools/asl-validator/validate.js [--json] --stdin   a JSON array of {"name": ..., "definition": {...}} on stdin
//
// A JSON file is a machine when it has "StartAt" and "States"; a CloudFormation template (the export's template.json)
// contributes the Definition (or DefinitionString) of each AWS::StepFunctions::StateMachine resource. Other JSON files
// in a folder (execution inputs, job definitions) are skipped; a named file that holds no machine is an error.
// Prints one line per machine ("valid NAME" or "invalid NAME: CODE: message; ..."), or with --json one line holding
// [{"name", "valid", "errors": [{"code", "message"}]}]. Exit status: 0 all valid, 1 some invalid, 2 bad usage or input.
"use strict";

const fs = require("fs");
const path = require("path");
const aslValidator = require("asl-validator");

function machinesOf(name, document) {
  if (document && typeof document === "object" && !Array.isArray(document)) {
    if ("StartAt" in document && "States" in document) {
      return [{ name, definition: document }];
    }
    if (document.Resources && typeof document.Resources === "object") {
      const found = [];
      for (const [id, resource] of Object.entries(document.Resources)) {
        if (!resource || resource.Type !== "AWS::StepFunctions::StateMachine") {
          continue;
        }
        const properties = resource.Properties || {};
        let definition = properties.Definition;
        if (definition === undefined && typeof properties.DefinitionString === "string") {
          definition = JSON.parse(properties.DefinitionString);
        }
        if (definition !== undefined) {
          found.push({ name: `${name}#${id}`, definition });
        }
      }
      return found;
    }
  }
  return [];
}

function readFile(file) {
  return machinesOf(file, JSON.parse(fs.readFileSync(file, "utf8")));
}

function filesUnder(folder) {
  const files = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules") {
        files.push(...filesUnder(full));
      }
    } else if (entry.name.endsWith(".json")) {
      files.push(full);
    }
  }
  return files;
}

function collect(paths) {
  const machines = [];
  for (const p of paths) {
    if (fs.statSync(p).isDirectory()) {
      const found = filesUnder(p).flatMap(readFile);
      if (found.length === 0) {
        throw new Error(`${p}: no state machine (a JSON file with StartAt and States, or a template) in this folder`);
      }
      machines.push(...found);
    } else {
      const found = readFile(p);
      if (found.length === 0) {
        throw new Error(`${p}: not a state machine (no StartAt and States) nor a template with one`);
      }
      machines.push(...found);
    }
  }
  return machines;
}

function validate({ name, definition }) {
  try {
    const { isValid, errors } = aslValidator(definition);
    return {
      name,
      valid: isValid,
      errors: errors.map((e) => ({ code: String(e["Error code"]), message: String(e.Message) })),
    };
  } catch (e) {
    return { name, valid: false, errors: [{ code: "VALIDATOR_EXCEPTION", message: String(e && e.message) }] };
  }
}

function main(argv) {
  const json = argv.includes("--json");
  const stdin = argv.includes("--stdin");
  const paths = argv.filter((a) => a !== "--json" && a !== "--stdin");
  if (stdin === paths.length > 0) {
    process.stderr.write("usage: validate.js [--json] PATH... | validate.js [--json] --stdin\n");
    return 2;
  }

  let machines;
  try {
    if (stdin) {
      const items = JSON.parse(fs.readFileSync(0, "utf8"));
      if (!Array.isArray(items)) {
        throw new Error("stdin: expected a JSON array of {\"name\", \"definition\"}");
      }
      machines = items.map((item, i) => ({ name: String(item && item.name !== undefined ? item.name : i), definition: item && item.definition }));
    } else {
      machines = collect(paths);
    }
  } catch (e) {
    process.stderr.write(`validate.js: ${e.message}\n`);
    return 2;
  }

  const results = machines.map(validate);
  if (json) {
    process.stdout.write(JSON.stringify(results) + "\n");
  } else {
    for (const r of results) {
      process.stdout.write(r.valid ? `valid ${r.name}\n` : `invalid ${r.name}: ${r.errors.map((e) => `${e.code}: ${e.message}`).join("; ")}\n`);
    }
  }
  return results.every((r) => r.valid) ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
