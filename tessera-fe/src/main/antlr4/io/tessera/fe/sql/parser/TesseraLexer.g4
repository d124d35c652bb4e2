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
ALTER: 'ALTER';
AND: 'AND';
AS: 'AS';
ASC: 'ASC';
BACKEND: 'BACKEND';
BACKENDS: 'BACKENDS';
BETWEEN: 'BETWEEN';
BY: 'BY';
CANCEL: 'CANCEL';
CHARACTER: 'CHARACTER';
CHARSET: 'CHARSET';
COLLATE: 'COLLATE';
CURRENT_DATE: 'CURRENT_DATE';
CURRENT_TIME: 'CURRENT_TIME';
CURRENT_TIMESTAMP: 'CURRENT_TIMESTAMP';
CURRENT_USER: 'CURRENT_USER';
DATABASES: 'DATABASES';
DECOMMISSION: 'DECOMMISSION';
DEFAULT: 'DEFAULT';
DESC: 'DESC';
DISTINCT: 'DISTINCT';
DROP: 'DROP';
DROPP: 'DROPP';
ERRORS: 'ERRORS';
FALSE: 'FALSE';
FROM: 'FROM';
FULL: 'FULL';
GLOBAL: 'GLOBAL';
GROUP: 'GROUP';
IN: 'IN';
IS: 'IS';
LIKE: 'LIKE';
LIMIT: 'LIMIT';
LOCAL: 'LOCAL';
MODIFY: 'MODIFY';
NAMES: 'NAMES';
NOT: 'NOT';
NULL: 'NULL';
OFFSET: 'OFFSET';
OR: 'OR';
ORDER: 'ORDER';
PROC: 'PROC';
PROPERTIES: 'PROPERTIES';
SCHEMAS: 'SCHEMAS';
SELECT: 'SELECT';
SESSION: 'SESSION';
SET: 'SET';
SHOW: 'SHOW';
SYSTEM: 'SYSTEM';
TABLES: 'TABLES';
TRUE: 'TRUE';
USE: 'USE';
VARIABLES: 'VARIABLES';
WARNINGS: 'WARNINGS';
WHERE: 'WHERE';

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
