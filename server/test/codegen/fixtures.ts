/**
 * Inline schemas for the code-generation tests: names that are keywords or no
 * identifiers in the targets (`class`, `from`, `select`, `my col`, `2fa`,
 * `user-id`, `metadata`, `model_config`, `type`, `import`, `Order`), an enum
 * with values that are no identifiers, a self-reference, a composite key, a
 * junction table and a table without a key.
 */
export const KEYWORDS_DBML = `Project keywords {
  database_type: 'PostgreSQL'
  Note: 'Names every target must escape'
}

Enum status {
  "in progress"
  done
  "2nd"
  class
}

Table class [note: 'A table named by a keyword'] {
  id int [pk, increment]
  from varchar(20) [not null, note: 'a keyword column']
  "select" int
  "my col" text
  "2fa" boolean [default: false]
  "Order" int
  type text
  import int
  metadata text
  model_config text
  json text
  "user-id" int [ref: > "user".id]
  status status [default: 'done']
  date date
  uuid uuid
  parent_id int [ref: > class.id]
}

Table "user" {
  id int [pk]
  "default" text [unique]
  created_at timestamp [not null, default: \`now()\`]
}

Table "order items" {
  class_id int [not null, ref: > class.id]
  user_id int [not null, ref: > "user".id]

  indexes {
    (class_id, user_id) [pk]
  }
}

Table log {
  message text
  at timestamp
}
`;
