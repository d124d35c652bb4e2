/*
 * Statements of Tessera's SQL dialect: cluster administration (ALTER SYSTEM ... BACKEND), session
 * statements (SET, USE, SHOW ...) and the simple SELECTs that MySQL clients and drivers send.
 * Exactly one statement per parse, optionally followed by a semicolon.
 */
parser grammar TesseraParser;

options { tokenVocab = TesseraLexer; }

singleStatement
    : statement SEMICOLON? EOF
    ;

statement
    : ALTER SYSTEM ADD BACKEND stringList propertyClause?                            #addBackend
    | ALTER SYSTEM operation=(DROP | DROPP) BACKEND stringList                       #dropBackend
    | ALTER SYSTEM DECOMMISSION BACKEND stringList                                   #decommissionBackend
    | ALTER SYSTEM MODIFY BACKEND stringList SET propertyList                        #modifyBackend
    | CANCEL DECOMMISSION BACKEND stringList                                         #cancelDecommissionBackend
    | SHOW BACKENDS                                                                  #showBackends
    | SHOW PROC path=stringLiteral                                                   #showProc
    | SHOW variableScope? VARIABLES
        (LIKE pattern=stringLiteral | WHERE where=expression)?                       #showVariables
    | SHOW (DATABASES | SCHEMAS) (LIKE pattern=stringLiteral)?                       #showDatabases
    | SHOW FULL? TABLES ((FROM | IN) database=identifier)?
        (LIKE pattern=stringLiteral)?                                                #showTables
    | SHOW (WARNINGS | ERRORS)                                                       #showWarnings
    | USE first=identifier (DOT second=identifier)?                                  #use
    | SET setItem (COMMA setItem)*                                                   #set
    | selectStatement                                                                #select
    ;

// ---------------------------------------------------------------------------------------------
// ALTER SYSTEM helpers.
// ---------------------------------------------------------------------------------------------
stringList
    : stringLiteral (COMMA stringLiteral)*
    ;

propertyClause
    : PROPERTIES propertyList
    ;

propertyList
    : LEFT_PAREN property (COMMA property)* RIGHT_PAREN
    ;

property
    : key=stringLiteral EQUAL value=stringLiteral
    ;

// ---------------------------------------------------------------------------------------------
// SET.
// ---------------------------------------------------------------------------------------------
setItem
    : NAMES (charset=charsetName (COLLATE collation=charsetName)? | DEFAULT)         #setNames
    | (CHARACTER SET | CHARSET) (charset=charsetName | DEFAULT)                      #setCharacterSet
    | USER_VARIABLE (EQUAL | ASSIGN) expression                                      #setUserVariable
    | systemVariable (EQUAL | ASSIGN) setValue                                       #setSystemVariableReference
    | variableScope? identifier (EQUAL | ASSIGN) setValue                            #setSystemVariable
    ;

setValue
    : DEFAULT
    | expression
    ;

charsetName
    : identifier
    | stringLiteral
    ;

variableScope
    : GLOBAL
    | SESSION
    | LOCAL
    ;

systemVariable
    : DOUBLE_AT (variableScope DOT)? identifier
    ;

// ---------------------------------------------------------------------------------------------
// SELECT.
// ---------------------------------------------------------------------------------------------
selectStatement
    : SELECT selectItem (COMMA selectItem)*
      (FROM tableReference)?
      (WHERE where=expression)?
      (GROUP BY groupBy+=expression (COMMA groupBy+=expression)*)?
      (ORDER BY orderItem (COMMA orderItem)*)?
      limitClause?
    ;

selectItem
    : ASTERISK                                                                       #selectAll
    | qualifier=identifier DOT ASTERISK                                              #selectQualifiedAll
    | expression (AS? alias)?                                                        #selectExpression
    ;

alias
    : identifier
    | stringLiteral
    ;

tableReference
    : first=identifier (DOT second=identifier)? (AS? tableAlias=identifier)?
    ;

orderItem
    : expression ordering=(ASC | DESC)?
    ;

limitClause
    : LIMIT offset=INTEGER_VALUE COMMA count=INTEGER_VALUE
    | LIMIT count=INTEGER_VALUE (OFFSET offset=INTEGER_VALUE)?
    ;

// ---------------------------------------------------------------------------------------------
// Expressions, from the loosest binding to the tightest (MySQL's precedence).
// ---------------------------------------------------------------------------------------------
expression
    : booleanExpression
    ;

booleanExpression
    : NOT booleanExpression                                                          #logicalNot
    | booleanPrimary                                                                 #booleanDefault
    | left=booleanExpression operator=(AND | DOUBLE_AMPERSAND) right=booleanExpression  #logicalBinary
    | left=booleanExpression operator=(OR | DOUBLE_PIPE) right=booleanExpression     #logicalBinary
    ;

booleanPrimary
    : booleanPrimary IS NOT? NULL                                                    #isNull
    | left=booleanPrimary comparisonOperator right=predicate                         #comparison
    | predicate                                                                      #predicateDefault
    ;

comparisonOperator
    : EQUAL
    | NOT_EQUAL
    | LESS_THAN
    | LESS_THAN_OR_EQUAL
    | GREATER_THAN
    | GREATER_THAN_OR_EQUAL
    | NULL_SAFE_EQUAL
    ;

predicate
    : valueExpression predicateSuffix?
    ;

predicateSuffix
    : NOT? IN LEFT_PAREN expression (COMMA expression)* RIGHT_PAREN                  #inList
    | NOT? BETWEEN low=valueExpression AND high=predicate                            #between
    | NOT? LIKE pattern=valueExpression                                              #like
    ;

valueExpression
    : operator=(MINUS | PLUS | BANG) valueExpression                                 #unary
    | left=valueExpression operator=(ASTERISK | SLASH | PERCENT) right=valueExpression  #arithmetic
    | left=valueExpression operator=(PLUS | MINUS) right=valueExpression             #arithmetic
    | primary                                                                        #primaryDefault
    ;

primary
    : constant                                                                       #constantValue
    | systemVariable                                                                 #systemVariableValue
    | USER_VARIABLE                                                                  #userVariableValue
    | name=(CURRENT_USER | CURRENT_DATE | CURRENT_TIME | CURRENT_TIMESTAMP)
        (LEFT_PAREN (expression (COMMA expression)*)? RIGHT_PAREN)?                  #niladicFunction
    | identifier LEFT_PAREN ASTERISK RIGHT_PAREN                                     #starFunctionCall
    | identifier LEFT_PAREN (DISTINCT? expression (COMMA expression)*)? RIGHT_PAREN  #functionCall
    | LEFT_PAREN expression RIGHT_PAREN                                              #parenthesized
    | qualifier=identifier DOT name=identifier                                       #qualifiedColumn
    | identifier                                                                     #column
    ;

constant
    : NULL                                                                           #nullConstant
    | (TRUE | FALSE)                                                                 #booleanConstant
    | INTEGER_VALUE                                                                  #integerConstant
    | DECIMAL_VALUE                                                                  #decimalConstant
    | STRING+                                                                        #stringConstant
    ;

stringLiteral
    : STRING
    ;

identifier
    : IDENTIFIER
    | BACKQUOTED_IDENTIFIER
    | nonReserved
    ;

// Keywords that may still be used as identifiers, aliases and variable names.
nonReserved
    : ADD | ALTER | BACKEND | BACKENDS | CANCEL | CHARACTER | CHARSET | COLLATE | DATABASES
    | DECOMMISSION | DROP | DROPP | ERRORS | FULL | GLOBAL | LOCAL | MODIFY | NAMES | OFFSET
    | PROC | PROPERTIES | SCHEMAS | SESSION | SHOW | SYSTEM | TABLES | USE | VARIABLES | WARNINGS
    ;
