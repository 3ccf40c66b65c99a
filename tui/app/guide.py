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
        "JSON Schema of what the action returns to Architect. This wizard writes one property "
        "per mapping (its convention; Genesys only needs the success template's output to match). "
        "Contracts cannot change once the action is published: a new contract means a new "
        "action or version, and flows must be re-pointed.",
        CONTRACTS_DOC,
    ),
    Part(
        "request",
        "Request configuration",
        "Method, URL template, headers and body template, rendered with Velocity at run time. "
        "Inputs in the URL go in as $esc.url(${input.x}) so a / ? # or space stays inside them.",
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
        "JSON text (strings in quotes) used when a definite path such as $.a.b or $.items[0] "
        "finds nothing; without one the action fails there. Wildcards and filters ([*], "
        "[?(...)]) give [] instead, and a JSON null is a value: it never falls back.",
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
  `https://api.example.com/users/$esc.url(${{input.userId}})`. Each one becomes an **input** (edit its
  type and sample value in the inputs table: the sample is used to fetch). A text input left bare
  is wrapped in `$esc.url(...)` when you fetch: a `/`, `?`, `#` or space in its value would
  otherwise change the request (Genesys's Request configuration page asks for this).
* **Timeout (s)**: the action's `timeoutSeconds`, 1 to 60; Genesys waits 60 s when it is empty.
  The fetch here waits that long too (15 s when empty); `Escape` cancels a running fetch.
* **Secure**: Genesys's `secure` flag, for an action designed to accept sensitive data. Like the
  contracts, it is set when the action is created (an update cannot change it).
* **Headers**: `a` adds, `Enter` edits, `Delete` removes the highlighted row.
* **Auth** is stored as a credential reference (`${{credentials.token}}`), never the secret: the secret
  you type here is used for the fetch only and lives in memory. In Genesys the **integration**
  holds the credential: its credential must have the field the reference names (`token`,
  `apiKey`, or the user name and password of a Basic credential).
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

As in Genesys's action editor, the **contracts, translation map, defaults and success template
are editable**: click into one and type. Each edit is checked as you type (JSON syntax with line
and column, JSON Schema, JSONPaths, the Velocity parser, and a run on the fetched sample whose
output must satisfy the output contract) and applied once the action stays valid. An edit that
is not valid yet stays in its editor and in the draft; it is never applied. Your edits are used
everywhere (test, export, deploy, `dataaction validate`). A later mapping change is merged into
an edited map or contract; when it would replace an edit (always for a hand-written success
template) you choose: keep yours, merge, or take the regenerated one. **Revert to generated**
drops an edit.

[Contracts]({CONTRACTS_DOC}) · [Request]({REQUEST_DOC}) · [Response]({RESPONSE_DOC})
""",
    "test": """# Step 4: Test

Runs the action locally the way Genesys's *Test* tab does, step by step: input validation,
request rendering, the call (or the fetched sample), translation map, success template, output
validation and, with **Flatten output** ticked (the Test tab's default), the flattened output
Architect sees. Type the input values in the fields (they start as the samples). `ctrl+t` or
**Run test** runs it. Genesys does not publish its exact step names; ours are listed in the
README.
""",
    "deploy": """# Step 5: Deploy

Publishes the action. Its contracts cannot change after publishing: changing an input or output
later means a new action (the wizard offers to replace it; flows must be re-pointed). With no
credentials set, the target is the **embedded sandbox** (a local emulation of Genesys Cloud). Set `GENESYS_CLIENT_ID`, `GENESYS_CLIENT_SECRET` and
`GENESYS_ENVIRONMENT` to deploy to an org. Pick the integration and category, then Deploy. If an
action with the same name exists you choose to update it or rename yours.
**Save draft** (`ctrl+d`) is the action editor's *Save draft*: the action is saved in the org as
a draft and checked by Genesys's draft validation, but nothing is published (a published
version keeps running); Deploy later publishes that same draft.
In Architect: *Call Data Action* → the integration → the category → your action.
""",
}
