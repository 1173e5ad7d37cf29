/**
 * Keeps the engine's object shapes alive between workspaces.
 *
 * V8 optimizes a function for the hidden classes ("maps") of the objects it
 * sees, and holds many of those classes only weakly: the classes of class
 * instances once their fields are added, of object literals with a
 * prototype (the DBML tree's nodes), of objects grown by assignment. When
 * every object of such a class is gone, a full collection frees it and
 * deoptimizes every function optimized for it (V8's "weak objects" reason).
 * A process that drops a workspace and makes another (a migration plan from
 * a git revision, a scratch document, the CLI over several schemas, the
 * tests, the benchmark) then parses and binds the next one unoptimized until
 * V8 optimizes it again: measured at 1,000 tables, a fresh workspace after
 * the previous one died took 75-180 ms against 60-75 ms with one alive; 14
 * such runs deoptimized 334 functions (89 with the sample kept).
 *
 * The second workspace a process makes binds a small schema written to use
 * every DBML construct, and keeps it: a few dozen kilobytes that hold the
 * classes, so later workspaces stay optimized. The first workspace (the
 * language server's, the CLI's) never pays for it.
 */

/** A small schema with every DBML construct the parser, interpreter and binder shape objects for. */
export const SHAPES_SAMPLE = `// SchemaSage's shape sample (engine/shapes.ts)
Project shapes {
  database_type: 'PostgreSQL'
  Note: 'Shapes'
}

Enum status {
  active [note: 'Active']
  archived
}

Enum billing.kind {
  card
  "bank transfer"
}

TablePartial stamped [note: 'timestamps'] {
  created_at timestamp [not null, default: \`now()\`]
  updated_at timestamptz [null]
  indexes {
    created_at [name: 'ix_stamped']
  }
}

Table core.users as U [headercolor: #3498DB, note: 'People'] {
  id integer [pk, increment]
  email varchar(320) [unique, not null, note: 'Login']
  state status [not null, default: status.active]
  score numeric(5,2) [default: null]
  flag boolean [default: true]
  tags text[]
  grid int[3][]
  code char(8) [unique, default: 'x']
  n bigint [default: -1]
  ~stamped
  Note: '''Multi
    line'''
  indexes {
    (email, code) [unique, name: 'ux_users']
    email [type: btree]
    \`lower(email)\` [name: 'ix_expr', note: 'expression']
    id [pk]
  }
}

Table billing.invoices {
  id bigint [pk]
  user_id integer [ref: > U.id, not null]
  kind billing.kind
  amount decimal(10, 2) [check: \`amount > 0\`]
  a int
  b int
  Records (id, user_id, amount) {
    1, 1, 9.5
    2, 1, null
  }
}

Table items {
  id integer [pk]
  invoice_id bigint
  a int
  b int
  checks {
    \`a < b\` [name: 'ab']
  }
}

Ref fk_items: items.invoice_id > billing.invoices.id [delete: cascade, update: no action, color: #aabbcc]
Ref: items.(a, b) - billing.invoices.(a, b)
Ref {
  core.users.id < items.id
}
Ref: items.a <> U.n
Ref: items.b > missing.id

TableGroup people [color: #ff0000, note: 'Group'] {
  core.users
  items
}

Note sticky {
  'A sticky note'
}
`;

/** The minimal Workspace surface this module uses (engine/workspace.ts passes its class). */
export interface ShapeWorkspace {
  setFile(uri: string, text: string): unknown;
  binding(): unknown;
  diagnostics(uri: string): unknown;
}

let kept: ShapeWorkspace | undefined;
let made = 0;
let busy = false;

/**
 * Called by each new Workspace: from the second one on (once), binds the sample in a workspace that
 * `make` returns and keeps it for as long as the engine is loaded. Never throws.
 */
export function noteWorkspace(make: () => ShapeWorkspace): void {
  if (busy || kept || ++made < 2) return;
  busy = true;
  try {
    const ws = make();
    kept = ws;
    const uri = 'schemasage-internal:/shapes.dbml';
    ws.setFile(uri, SHAPES_SAMPLE);
    ws.binding();
    ws.diagnostics(uri);
  } catch {
    // a sample that does not bind costs speed, never a feature
  } finally {
    busy = false;
  }
}

/** @internal for tests: the kept sample workspace, if made */
export function keptShapes(): ShapeWorkspace | undefined {
  return kept;
}
