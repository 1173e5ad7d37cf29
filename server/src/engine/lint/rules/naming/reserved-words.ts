/**
 * Reserved words per dialect, for NAME002: the words each engine refuses as a
 * bare identifier (PostgreSQL's "reserved" and "reserved (can be function or
 * type)" categories, MySQL 8's reserved keywords, T-SQL's reserved keywords,
 * Oracle's reserved words, SQLite's keywords that fail unquoted). `generic`
 * holds the words reserved in every one of them. Lowercase sets.
 */
import type { DatabaseType } from '../../../model/schema.js';

const COMMON = 'all and any as asc between by case check column constraint create cross default delete desc distinct drop else exists foreign from grant group having in inner insert intersect into is join left like not null on or order outer primary references right select set table then to union unique update values when where with';

const EXTRA: Record<Exclude<DatabaseType, 'generic'>, string> = {
  postgres:
    'analyse analyze array asymmetric both cast collate concurrently current_catalog current_date current_role current_schema current_time current_timestamp current_user deferrable do end except false fetch for freeze full ilike initially isnull lateral leading limit localtime localtimestamp natural notnull offset only overlaps placing returning session_user similar some symmetric system_user tablesample trailing true user using variadic verbose window authorization binary collation',
  mysql:
    'accessible add alter analyze before bigint binary blob both call cascade change char character condition continue convert current_date current_time current_timestamp current_user cursor database databases day_hour dec decimal declare delayed describe deterministic div double dual each elseif enclosed escaped except exit explain false fetch float for force fulltext function generated get groups high_priority hour_minute if ignore index infile int integer interval iterate key keys kill lateral leading leave limit linear lines load localtime localtimestamp lock long loop low_priority match maxvalue mod modifies natural numeric of optimize option optionally out outfile over partition precision procedure purge range rank read reads real recursive regexp release rename repeat replace require resignal restrict return revoke rlike row rows schema schemas second_microsecond separator show signal smallint spatial specific sql sqlexception sqlstate sqlwarning ssl starting stored straight_join system terminated tinyint trailing trigger true undo unlock unsigned usage use using utc_date utc_time utc_timestamp varbinary varchar varying virtual while window write xor year_month zerofill',
  sqlite:
    'add alter autoincrement commit deferrable end escape except glob index isnull limit natural notnull offset raise regexp transaction using',
  mssql:
    'add alter authorization backup begin break browse bulk cascade checkpoint close clustered coalesce collate commit compute contains containstable continue convert current current_date current_time current_timestamp current_user cursor database dbcc deallocate declare deny disk distributed double dump end errlvl escape except exec execute exit external fetch file fillfactor for freetext freetexttable full function goto holdlock identity identity_insert identitycol if index key kill lineno load merge national nocheck nonclustered nullif of off offsets open opendatasource openquery openrowset openxml option over percent pivot plan precision print proc procedure public raiserror read readtext reconfigure replication restore restrict return revert revoke rollback rowcount rowguidcol rule save schema securityaudit semantickeyphrasetable session_user setuser shutdown some statistics system_user tablesample textsize top tran transaction trigger truncate try_convert tsequal unpivot updatetext use user varying view waitfor while writetext',
  oracle:
    'access add alter audit char cluster comment compress connect current date decimal exclusive file float identified immediate increment index initial integer intersect level lock long maxextents minus mlslabel mode modify noaudit nocompress nowait number of offline online option pctfree prior public raw rename resource row rowid rownum rows session share size smallint start successful synonym sysdate trigger uid user validate varchar varchar2 view whenever',
};

const SETS = new Map<DatabaseType, Set<string>>();

/** The reserved words of a dialect (`generic`: those reserved everywhere). */
export function reservedWords(db: DatabaseType): Set<string> {
  let set = SETS.get(db);
  if (!set) {
    set = new Set(COMMON.split(' '));
    if (db !== 'generic') for (const w of EXTRA[db].split(' ')) set.add(w);
    SETS.set(db, set);
  }
  return set;
}
