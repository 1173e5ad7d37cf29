/**
 * Prisma native types (`@db.VarChar(255)`) per provider: which scalar types
 * each one fits and how many arguments it takes. Data only; the validator
 * checks fields against it and the interpreter uses it to keep the raw type.
 */

export type Provider = 'postgresql' | 'cockroachdb' | 'mysql' | 'sqlite' | 'sqlserver' | 'mongodb';

/** native type -> [compatible scalar types, max argument count] */
type Table = Record<string, [string[], number]>;

const S = ['String'];
const pg: Table = {
  Text: [S, 0], Char: [S, 1], VarChar: [S, 1], Bit: [S, 1], VarBit: [S, 1], Uuid: [S, 0], Xml: [S, 0], Inet: [S, 0], Citext: [S, 0],
  Boolean: [['Boolean'], 0], Integer: [['Int'], 0], SmallInt: [['Int'], 0], Oid: [['Int'], 0], BigInt: [['BigInt'], 0],
  Decimal: [['Decimal'], 2], Money: [['Decimal'], 0], Real: [['Float'], 0], DoublePrecision: [['Float'], 0],
  Timestamp: [['DateTime'], 1], Timestamptz: [['DateTime'], 1], Date: [['DateTime'], 0], Time: [['DateTime'], 1], Timetz: [['DateTime'], 1],
  Json: [['Json'], 0], JsonB: [['Json'], 0], ByteA: [['Bytes'], 0],
};
const crdb: Table = {
  String: [S, 1], Char: [S, 1], CatalogSingleChar: [S, 0], Bit: [S, 1], VarBit: [S, 1], Uuid: [S, 0], Inet: [S, 0],
  Bool: [['Boolean'], 0], Int2: [['Int'], 0], Int4: [['Int'], 0], Int8: [['BigInt'], 0], Oid: [['Int'], 0],
  Float4: [['Float'], 0], Float8: [['Float'], 0], Decimal: [['Decimal'], 2],
  Timestamp: [['DateTime'], 1], Timestamptz: [['DateTime'], 1], Date: [['DateTime'], 0], Time: [['DateTime'], 1], Timetz: [['DateTime'], 1],
  JsonB: [['Json'], 0], Bytes: [['Bytes'], 0],
};
const mysql: Table = {
  Text: [S, 0], TinyText: [S, 0], MediumText: [S, 0], LongText: [S, 0], Char: [S, 1], VarChar: [S, 1],
  Binary: [['Bytes'], 1], VarBinary: [['Bytes'], 1], TinyBlob: [['Bytes'], 0], Blob: [['Bytes'], 0], MediumBlob: [['Bytes'], 0], LongBlob: [['Bytes'], 0],
  Bit: [['Boolean', 'Bytes'], 1], Int: [['Int'], 0], UnsignedInt: [['Int'], 0], SmallInt: [['Int'], 0], UnsignedSmallInt: [['Int'], 0],
  TinyInt: [['Boolean', 'Int'], 0], UnsignedTinyInt: [['Boolean', 'Int'], 0], MediumInt: [['Int'], 0], UnsignedMediumInt: [['Int'], 0], Year: [['Int'], 0],
  BigInt: [['BigInt'], 0], UnsignedBigInt: [['BigInt'], 0], Float: [['Float'], 0], Double: [['Float'], 0], Decimal: [['Decimal'], 2],
  DateTime: [['DateTime'], 1], Date: [['DateTime'], 0], Time: [['DateTime'], 1], Timestamp: [['DateTime'], 1], Json: [['Json'], 0],
};
const mssql: Table = {
  Char: [S, 1], NChar: [S, 1], VarChar: [S, 1], NVarChar: [S, 1], Text: [S, 0], NText: [S, 0], Xml: [S, 0], UniqueIdentifier: [S, 0],
  TinyInt: [['Int'], 0], SmallInt: [['Int'], 0], Int: [['Int'], 0], BigInt: [['BigInt'], 0], Bit: [['Boolean', 'Int'], 0],
  Decimal: [['Decimal'], 2], Money: [['Decimal'], 0], SmallMoney: [['Decimal'], 0], Float: [['Float'], 1], Real: [['Float'], 0],
  Date: [['DateTime'], 0], Time: [['DateTime'], 0], DateTime: [['DateTime'], 0], DateTime2: [['DateTime'], 0], SmallDateTime: [['DateTime'], 0], DateTimeOffset: [['DateTime'], 0],
  Binary: [['Bytes'], 1], VarBinary: [['Bytes'], 1], Image: [['Bytes'], 0],
};
const mongo: Table = {
  String: [S, 0], ObjectId: [['String', 'Bytes'], 0], BinData: [['Bytes'], 0], Int: [['Int'], 0], Long: [['Int', 'BigInt'], 0],
  Double: [['Float'], 0], Bool: [['Boolean'], 0], Date: [['DateTime'], 0], Timestamp: [['DateTime'], 0], Json: [['Json'], 0],
};

const TABLES: Record<Provider, Table> = { postgresql: pg, cockroachdb: crdb, mysql, sqlite: {}, sqlserver: mssql, mongodb: mongo };

/** The scalar types a native type fits, and its maximum argument count; undefined when the provider has no such type. */
export function nativeType(provider: Provider, name: string): { scalars: string[]; maxArgs: number } | undefined {
  const e = Object.prototype.hasOwnProperty.call(TABLES[provider], name) ? TABLES[provider][name] : undefined;
  return e ? { scalars: e[0], maxArgs: e[1] } : undefined;
}

/** Normalises a datasource `provider` string; undefined when unknown. */
export function normaliseProvider(p: string): Provider | undefined {
  switch (p) {
    case 'postgresql':
    case 'postgres':
      return 'postgresql';
    case 'cockroachdb':
    case 'mysql':
    case 'sqlite':
    case 'sqlserver':
    case 'mongodb':
      return p;
    default:
      return undefined;
  }
}
