"""The words the wizard teaches with: F1 help per step and the explanation of each action part."""

from __future__ import annotations

from dataclasses import dataclass

CONTRACTS_DOC = (
    "https://help.mypurecloud.com/articles/add-contracts-to-custom-actions-for-integrations/"
)
REQUEST_DOC = "https://help.mypurecloud.com/articles/request-configuration-data-actions/"
RESPONSE_DOC = "https://help.mypurecloud.com/articles/response-configuration-data-actions/"
VELOCITY_DOC = "https://help.mypurecloud.com/articles/velocity-macros-data-actions/"


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    explanation: str
    link: str


PARTS = (
    Part(
        "input",
        "Input contract",
        "JSON Schema of what the flow passes in; each ${input.x} in the request is one property.",
        CONTRACTS_DOC,
    ),
    Part(
        "output",
        "Output contract",
        "JSON Schema of what the action returns to Architect; one property per mapping.",
        CONTRACTS_DOC,
    ),
    Part(
        "request",
        "Request configuration",
        "Method, URL template, headers and body template, rendered with Velocity at run time.",
        REQUEST_DOC,
    ),
    Part(
        "translationMap",
        "Translation map",
        "Output name → JSONPath into the response; each value is extracted as JSON text.",
        RESPONSE_DOC,
    ),
    Part(
        "translationMapDefaults",
        "Translation map defaults",
        "JSON text used when a path finds nothing (otherwise the action fails).",
        RESPONSE_DOC,
    ),
    Part(
        "successTemplate",
        "Success template",
        "Velocity template that assembles the mapped values into the output JSON.",
        VELOCITY_DOC,
    ),
)

BODY_HELP = (
    "Body is a Velocity template. Insert inputs as ${input.name}; inside JSON strings use "
    '$esc.jsonString(${input.name}) so quotes and newlines stay valid: {"q": '
    '"$esc.jsonString(${input.city})"}. Numbers and booleans go in bare: {"n": ${input.count}}.'
)

STEP_HELP = {
    "request": f"""# Step 1: Request

Describe the call Genesys will make.

* **Method** and **URL**: type `${{input.name}}` where a flow value goes, e.g.
  `https://api.example.com/users/${{input.userId}}`. Each one becomes an **input** (edit its type and
  sample value in the inputs table: the sample is used to fetch).
* **Headers**: `a` adds, `Enter` edits, `Delete` removes the highlighted row.
* **Auth** is stored as a credential reference (`${{credentials.token}}`), never the secret: the secret
  you type here is used for the fetch only and lives in memory.
* **Body** (POST/PUT/PATCH): {BODY_HELP}
* `ctrl+o` opens a saved spec, `ctrl+l` loads a sample from the sandbox.

Then press **ctrl+f** (Fetch) to call the API with the sample inputs. [Docs]({REQUEST_DOC})
""",
    "explore": f"""# Step 2: Explore and map

The response as a tree. Arrow keys move, `Space`/`Enter` expands, `Enter` on a value (or `m` on any
node) maps it to an output; the path and value of the selected node are shown on the right.

* `/` searches keys and values, `n`/`N` jump to the next/previous match, `c` copies the path.
* Inside arrays you choose the first element `[0]`, all elements `[*]`, or a filter.
* Mappings table: `Enter` edits name/type/default/path, `Delete` removes. The last column shows
  the value the runtime extracts, exactly as Genesys would.
* Type a JSONPath in the path box: it is validated and previewed as you type; `Enter` adds it.

[Translation maps]({RESPONSE_DOC})
""",
    "review": f"""# Step 3: Review and learn

The generated Genesys action beside the spec you built, part by part, with what each part does.
Export it as a YAML spec (`ctrl+s`), a `.custom.json` for the admin UI import, or Terraform.

[Contracts]({CONTRACTS_DOC}) · [Request]({REQUEST_DOC}) · [Response]({RESPONSE_DOC})
""",
    "test": """# Step 4: Test

Runs the action locally exactly as Genesys's *Test* tab does, step by step: input validation,
request rendering, the call (or the fetched sample), translation map, success template, output
validation and the flattened output Architect sees. `ctrl+t` runs it.
""",
    "deploy": """# Step 5: Deploy

Publishes the action. With no credentials set, the target is the **embedded sandbox** (a local
emulation of Genesys Cloud). Set `GENESYS_CLIENT_ID`, `GENESYS_CLIENT_SECRET` and
`GENESYS_ENVIRONMENT` to deploy to an org. Pick the integration and category, then Deploy. If an
action with the same name exists you choose to update it or rename yours.
In Architect: *Call Data Action* → the integration → the category → your action.
""",
}
