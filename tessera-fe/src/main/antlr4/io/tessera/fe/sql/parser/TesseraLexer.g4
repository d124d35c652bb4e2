/*
 * Tokens of Tessera's SQL dialect: the subset of Doris / MySQL syntax the frontend understands.
 * Keywords are case-insensitive. Bracketed, "-- " and "#" comments and whitespace are skipped.
 */
lexer grammar TesseraLexer;

options { caseInsensitive = true; }

// ---------------------------------------------------------------------------------------------
// Keywords. A keyword that is not listed in the parser's nonReserved rule is reserved.
// ---------------------------------------------------------------------------------------------
ADD: 'ADD';
ADMIN: 'ADMIN';
AGGREGATE: 'AGGREGATE';
ALL: 'ALL';
ALTER: 'ALTER';
AND: 'AND';
AS: 'AS';
ASC: 'ASC';
AUTO: 'AUTO';
BACKEND: 'BACKEND';
BACKENDS: 'BACKENDS';
BETWEEN: 'BETWEEN';
BLOCKERS: 'BLOCKERS';
BUCKETS: 'BUCKETS';
BY: 'BY';
CASE: 'CASE';
CANCEL: 'CANCEL';
CAST: 'CAST';
CHARACTER: 'CHARACTER';
CHARSET: 'CHARSET';
COLLATE: 'COLLATE';
COLLATION: 'COLLATION';
COLUMNS: 'COLUMNS';
COMMENT: 'COMMENT';
CONNECTION: 'CONNECTION';
CONFIG: 'CONFIG';
CONVERT: 'CONVERT';
CREATE: 'CREATE';
CURRENT_DATE: 'CURRENT_DATE';
CURRENT_TIME: 'CURRENT_TIME';
CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP';
CURRENT_USER: 'CURRENT_USER';
DATA: 'DATA';
DATABASE: 'DATABASE';
DATABASES: 'DATABASES';
DATE: 'DATE';
DECOMMISSION: 'DECOMMISSION';
DEFAULT: 'DEFAULT';
DESC: 'DESC';
DESCRIBE: 'DESCRIBE';
DISTINCT: 'DISTINCT';
DISTRIBUTED: 'DISTRIBUTED';
DISTRIBUTION: 'DISTRIBUTION';
DROP: 'DROP';
DROPP: 'DROPP';
DUAL: 'DUAL';
ELSE: 'ELSE';
END: 'END';
DUPLICATE: 'DUPLICATE';
ENGINE: 'ENGINE';
ENGINES: 'ENGINES';
ERRORS: 'ERRORS';
EXISTS: 'EXISTS';
EXPLAIN: 'EXPLAIN';
FALSE: 'FALSE';
FIELDS: 'FIELDS';
FOR: 'FOR';
FORCE: 'FORCE';
FROM: 'FROM';
FRONTEND: 'FRONTEND';
FRONTENDS: 'FRONTENDS';
FULL: 'FULL';
FUNCTION: 'FUNCTION';
GLOBAL: 'GLOBAL';
GRANT: 'GRANT';
GRANTS: 'GRANTS';
GROUP: 'GROUP';
HASH: 'HASH';
HAVING: 'HAVING';
IDENTIFIED: 'IDENTIFIED';
IF: 'IF';
IN: 'IN';
INDEX: 'INDEX';
INDEXES: 'INDEXES';
INSERT: 'INSERT';
INTO: 'INTO';
IS: 'IS';
KEY: 'KEY';
KEYS: 'KEYS';
KILL: 'KILL';
LABEL: 'LABEL';
LEVEL: 'LEVEL';
ISOLATION: 'ISOLATION';
BEGIN: 'BEGIN';
COMMIT: 'COMMIT';
COMMITTED: 'COMMITTED';
ONLY: 'ONLY';
READ: 'READ';
REPEATABLE: 'REPEATABLE';
ROLLBACK: 'ROLLBACK';
SERIALIZABLE: 'SERIALIZABLE';
START: 'START';
TRANSACTION: 'TRANSACTION';
UNCOMMITTED: 'UNCOMMITTED';
UNION: 'UNION';
WORK: 'WORK';
WRITE: 'WRITE';
LESS: 'LESS';
LIKE: 'LIKE';
LIMIT: 'LIMIT';
LIST: 'LIST';
LOCAL: 'LOCAL';
MAXVALUE: 'MAXVALUE';
MODIFY: 'MODIFY';
NAMES: 'NAMES';
NOT: 'NOT';
NULL: 'NULL';
OFFSET: 'OFFSET';
ON: 'ON';
OR: 'OR';
ORDER: 'ORDER';
PARTITION: 'PARTITION';
PARTITIONS: 'PARTITIONS';
PASSWORD: 'PASSWORD';
PAUSE: 'PAUSE';
PROC: 'PROC';
PROCEDURE: 'PROCEDURE';
PROCESSLIST: 'PROCESSLIST';
PROPERTIES: 'PROPERTIES';
PROPERTY: 'PROPERTY';
QUERY: 'QUERY';
RANDOM: 'RANDOM';
RANGE: 'RANGE';
REPAIR: 'REPAIR';
REPLICA: 'REPLICA';
RESUME: 'RESUME';
REVOKE: 'REVOKE';
ROLE: 'ROLE';
ROLES: 'ROLES';
SCHEMA: 'SCHEMA';
SCHEMAS: 'SCHEMAS';
SELECT: 'SELECT';
SESSION: 'SESSION';
SET: 'SET';
SHOW: 'SHOW';
STATUS: 'STATUS';
SYSTEM: 'SYSTEM';
TABLE: 'TABLE';
TABLES: 'TABLES';
TABLET: 'TABLET';
TRASH: 'TRASH';
CLEAN: 'CLEAN';
DIAGNOSE: 'DIAGNOSE';
DIAGNOSIS: 'DIAGNOSIS';
TABLETS: 'TABLETS';
TEMPORARY: 'TEMPORARY';
THEN: 'THEN';
THAN: 'THAN';
TIMESTAMP: 'TIMESTAMP';
TO: 'TO';
TRUE: 'TRUE';
UNIQUE: 'UNIQUE';
USE: 'USE';
USER: 'USER';
VALUES: 'VALUES';
VARIABLES: 'VARIABLES';
WHEN: 'WHEN';
WARNINGS: 'WARNINGS';
WHERE: 'WHERE';
WITH: 'WITH';

// ---------------------------------------------------------------------------------------------
// Operators and punctuation.
// ---------------------------------------------------------------------------------------------
NULL_SAFE_EQUAL: '<=>';
EQUAL: '=';
NOT_EQUAL: '<>' | '!=';
LESS_THAN_OR_EQUAL: '<=';
LESS_THAN: '<';
GREATER_THAN_OR_EQUAL: '>=';
GREATER_THAN: '>';
ASSIGN: ':=';
PLUS: '+';
MINUS: '-';
ASTERISK: '*';
SLASH: '/';
PERCENT: '%';
DOUBLE_PIPE: '||';
DOUBLE_AMPERSAND: '&&';
BANG: '!';
LEFT_PAREN: '(';
LEFT_BRACKET: '[';
RIGHT_PAREN: ')';
COMMA: ',';
DOT: '.';
SEMICOLON: ';';
DOUBLE_AT: '@@';

// ---------------------------------------------------------------------------------------------
// Literals, identifiers and variables.
// ---------------------------------------------------------------------------------------------
// A user variable: {@code @name}, {@code @'name'}, {@code @"name"} or {@code @`name`}.
USER_VARIABLE
    : '@' ([a-z0-9_$.] | UNICODE_LETTER)+
    | '@' SINGLE_QUOTED
    | '@' DOUBLE_QUOTED
    | '@' BACK_QUOTED
    ;

// A string in single or double quotes, with MySQL backslash escapes and doubled quotes.
STRING
    : SINGLE_QUOTED
    | DOUBLE_QUOTED
    ;

INTEGER_VALUE
    : DIGIT+
    ;

DECIMAL_VALUE
    : DIGIT+ '.' DIGIT* EXPONENT?
    | '.' DIGIT+ EXPONENT?
    | DIGIT+ EXPONENT
    ;

IDENTIFIER
    : (LETTER | '_' | '$' | UNICODE_LETTER) (LETTER | DIGIT | '_' | '$' | UNICODE_LETTER)*
    ;

BACKQUOTED_IDENTIFIER
    : BACK_QUOTED
    ;

// ---------------------------------------------------------------------------------------------
// Skipped input. MySQL's executable comments (/*! ... */) are skipped like any other.
// ---------------------------------------------------------------------------------------------
BRACKETED_COMMENT
    : '/*' .*? '*/' -> skip
    ;

// As in MySQL, "--" starts a comment only when followed by a blank or a line end ("1--1" is 2).
SIMPLE_COMMENT
    : '--' ([ \t\f\u000B] ~[\r\n]* | [\r\n] | EOF) -> skip
    ;

HASH_COMMENT
    : '#' ~[\r\n]* -> skip
    ;

WHITESPACE
    : [ \t\r\n\f\u000B]+ -> skip
    ;

fragment SINGLE_QUOTED
    : '\'' (~['\\] | '\\' . | '\'\'')* '\''
    ;

fragment DOUBLE_QUOTED
    : '"' (~["\\] | '\\' . | '""')* '"'
    ;

fragment BACK_QUOTED
    : '`' (~'`' | '``')* '`'
    ;

fragment EXPONENT
    : 'E' [+-]? DIGIT+
    ;

fragment DIGIT
    : [0-9]
    ;

fragment LETTER
    : [A-Z]
    ;

fragment UNICODE_LETTER
    : [\u0080-\u{10FFFF}]
    ;
