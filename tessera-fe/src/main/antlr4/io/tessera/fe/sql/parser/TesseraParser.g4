/*
 * Statements of Tessera's SQL dialect: cluster administration (ALTER SYSTEM ... BACKEND, ADMIN SHOW /
 * SET FRONTEND CONFIG), session
 * statements (SET, USE, SHOW ...), databases and OLAP tables (CREATE / DROP / ALTER ... PARTITION),
 * table information (DESC, SHOW CREATE TABLE, SHOW PARTITIONS / TABLETS / DATA, ADMIN SHOW
 * REPLICA ...), INSERT, and single-table SELECTs. Exactly one statement per parse, optionally
 * followed by a semicolon.
 */
parser grammar TesseraParser;

options { tokenVocab = TesseraLexer; }

singleStatement
    : statement SEMICOLON? EOF
    ;

statement
    : ALTER SYSTEM ADD BACKEND stringList propertyClause?                            #addBackend
    | ALTER SYSTEM operation=(DROP | DROPP) BACKEND stringList                       #dropBackend
    | EXPLAIN ALTER SYSTEM DROPP BACKEND stringList                                  #explainDroppBackend
    | EXPLAIN ALTER SYSTEM DECOMMISSION BACKEND stringList                           #explainDecommissionBackend
    | EXPLAIN selectStatement                                                        #explainSelect
    | ALTER SYSTEM DECOMMISSION BACKEND stringList                                   #decommissionBackend
    | ALTER SYSTEM MODIFY BACKEND stringList SET propertyList                        #modifyBackend
    | CANCEL DECOMMISSION BACKEND stringList                                         #cancelDecommissionBackend
    | ALTER SYSTEM PAUSE DECOMMISSION BACKEND stringList                             #pauseDecommissionBackend
    | ALTER SYSTEM RESUME DECOMMISSION BACKEND stringList                            #resumeDecommissionBackend
    | SHOW BACKENDS                                                                  #showBackends
    | SHOW FRONTENDS extra=identifier?                                               #showFrontends
    | (ADMIN DIAGNOSE TABLET | SHOW TABLET DIAGNOSIS) tabletId=INTEGER_VALUE          #diagnoseTablet
    | SHOW TRASH (ON backend=stringLiteral)?                                         #showTrash
    | ADMIN CLEAN TRASH (ON LEFT_PAREN stringList RIGHT_PAREN)?                      #cleanTrash
    | ADMIN SET REPLICA STATUS PROPERTIES propertyList                               #setReplicaStatus
    | SHOW TRANSACTION ((FROM | IN) database=identifier)? (WHERE where=expression)?   #showTransaction
    | SHOW DECOMMISSION BLOCKERS (FOR jobId=INTEGER_VALUE)?                          #showDecommissionBlockers
    | SHOW DECOMMISSION ALL?                                                         #showDecommission
    | SHOW PROC path=stringLiteral                                                   #showProc
    | SHOW FULL? PROCESSLIST                                                         #showProcesslist
    | KILL QUERY queryId=stringLiteral                                               #killQueryId
    | KILL (CONNECTION | QUERY)? connectionId=INTEGER_VALUE                          #kill
    | ADMIN? SHOW FRONTEND CONFIG (LIKE pattern=stringLiteral)?                      #showFrontendConfig
    | ADMIN SET (FRONTEND | ALL FRONTENDS) CONFIG propertyList ALL?                  #setFrontendConfig
    | ADMIN CANCEL? REPAIR TABLE tableName (TEMPORARY? partitionSpec)?               #repairTable
    | SHOW variableScope? VARIABLES
        (LIKE pattern=stringLiteral | WHERE where=expression)?                       #showVariables
    | SHOW (DATABASES | SCHEMAS) showFilter?                                         #showDatabases
    | SHOW FULL? TABLES ((FROM | IN) database=identifier)? showFilter?               #showTables
    | SHOW (WARNINGS | ERRORS)                                                       #showWarnings
    | SHOW (CHARSET | CHARACTER SET) showFilter?                                     #showCharset
    | SHOW COLLATION showFilter?                                                     #showCollation
    | SHOW ENGINES                                                                   #showEngines
    | SHOW routine=(FUNCTION | PROCEDURE) STATUS showFilter?                         #showRoutineStatus
    | USE first=identifier (DOT second=identifier)?                                  #use
    | (BEGIN | START TRANSACTION) (WITH LABEL label=identifier)?                    #beginTransaction
    | COMMIT WORK?                                                                   #commitTransaction
    | ROLLBACK WORK?                                                                 #rollbackTransaction
    // Before #set: SET TRANSACTION ... is no variable named transaction.
    | SET variableScope? TRANSACTION transactionCharacteristic
        (COMMA transactionCharacteristic)*                                           #setTransaction
    // Before #set: SET PASSWORD = PASSWORD('...') is an account statement, not a variable named password.
    | accountStatement                                                               #account
    | SET setItem (COMMA setItem)*                                                   #set
    | ddlStatement                                                                   #ddl
    | tableInfoStatement                                                             #tableInfo
    | insertStatement                                                                #insert
    // One alternative, so that no decision looks past a whole SELECT for a UNION.
    | selectStatement unionPart*                                                     #select
    ;

// LIKE on the SHOW's first column, or WHERE over its columns by their titles.
showFilter
    : LIKE pattern=stringLiteral
    | WHERE where=expression
    ;

// ---------------------------------------------------------------------------------------------
// Users, roles and grants.
// ---------------------------------------------------------------------------------------------
accountStatement
    : CREATE USER (IF NOT EXISTS)? userIdentity
        (IDENTIFIED BY hashed=PASSWORD? password=stringLiteral)?
        (DEFAULT ROLE role=stringLiteral)?                                           #createUser
    | DROP USER (IF EXISTS)? userIdentity                                            #dropUser
    | ALTER USER (IF EXISTS)? userIdentity
        IDENTIFIED BY hashed=PASSWORD? password=stringLiteral                        #alterUser
    | SET PASSWORD (FOR userIdentity)? EQUAL passwordValue                           #setPassword
    | CREATE ROLE (IF NOT EXISTS)? roleName                                          #createRole
    | DROP ROLE (IF EXISTS)? roleName                                                #dropRole
    | GRANT privilegeList ON grantTarget TO grantee                                  #grantPrivileges
    | REVOKE privilegeList ON grantTarget FROM grantee                               #revokePrivileges
    | GRANT roleList TO userIdentity                                                 #grantRoles
    | REVOKE roleList FROM userIdentity                                              #revokeRoles
    | SHOW ALL GRANTS                                                                #showAllGrants
    | SHOW GRANTS (FOR userIdentity)?                                                #showGrants
    | SHOW ROLES                                                                     #showRoles
    | SET PROPERTY (FOR propertyUser)? userProperty (COMMA userProperty)*            #setUserProperty
    | SHOW PROPERTY (FOR propertyUser)? (LIKE pattern=stringLiteral)?                #showUserProperty
    ;

// SET / SHOW PROPERTY name a user, not a 'user'@'host' account.
propertyUser
    : stringLiteral
    | identifier
    ;

userProperty
    : key=stringLiteral EQUAL value=stringLiteral
    ;

// 'user'@'host', user@'host' or 'user' (host '%'): the host is lexed as a user variable.
userIdentity
    : (name=stringLiteral | identifier) USER_VARIABLE?
    ;

passwordValue
    : PASSWORD LEFT_PAREN plain=stringLiteral RIGHT_PAREN
    | hashed=stringLiteral
    ;

roleName
    : identifier
    | stringLiteral
    ;

roleList
    : stringLiteral (COMMA stringLiteral)*
    ;

privilegeList
    : identifier (COMMA identifier)*
    ;

grantee
    : ROLE roleName
    | userIdentity
    ;

grantTarget
    : ASTERISK DOT ASTERISK DOT ASTERISK                                             #globalTarget
    | ASTERISK DOT ASTERISK                                                          #catalogTarget
    | (catalog=identifier DOT)? database=identifier DOT ASTERISK                     #databaseTarget
    | (catalog=identifier DOT)? database=identifier DOT table=identifier             #tableTarget
    ;

// ---------------------------------------------------------------------------------------------
// Databases, tables and partitions.
// ---------------------------------------------------------------------------------------------
ddlStatement
    : CREATE (DATABASE | SCHEMA) (IF NOT EXISTS)? name=identifier propertyClause?    #createDatabase
    | DROP (DATABASE | SCHEMA) (IF EXISTS)? name=identifier FORCE?                  #dropDatabase
    | CREATE TABLE (IF NOT EXISTS)? tableName
        LEFT_PAREN columnDefinition (COMMA columnDefinition)* RIGHT_PAREN
        (ENGINE EQUAL? engine=identifier)?
        keysClause?
        (COMMENT comment=stringLiteral)?
        partitionClause?
        distributionClause?
        propertyClause?                                                              #createTable
    | DROP TABLE (IF EXISTS)? tableName FORCE?                                       #dropTable
    | ALTER TABLE tableName ADD partitionDefinition distributionClause?              #addPartition
    | ALTER TABLE tableName DROP PARTITION (IF EXISTS)? name=identifier FORCE?       #dropPartition
    ;

columnDefinition
    : name=identifier dataType (NOT? NULL)? (DEFAULT defaultValue)? (COMMENT comment=stringLiteral)?
    ;

// Type names are identifiers, checked by the AST builder: INT, VARCHAR(20), DECIMAL(10, 2), ...
dataType
    : typeName=identifier (LEFT_PAREN first=INTEGER_VALUE (COMMA second=INTEGER_VALUE)? RIGHT_PAREN)?
    ;

defaultValue
    : MINUS number=(INTEGER_VALUE | DECIMAL_VALUE)                                   #negativeDefault
    | constant                                                                       #constantDefault
    | name=(CURRENT_TIMESTAMP | CURRENT_DATE)
        (LEFT_PAREN precision=INTEGER_VALUE? RIGHT_PAREN)?                           #functionDefault
    ;

keysClause
    : keysType=(DUPLICATE | UNIQUE | AGGREGATE) KEY identifierList
    ;

partitionClause
    : PARTITION BY partitionType=(RANGE | LIST) identifierList
      LEFT_PAREN (partitionDefinition (COMMA partitionDefinition)*)? RIGHT_PAREN
    ;

partitionDefinition
    : PARTITION (IF NOT EXISTS)? name=identifier VALUES partitionBound propertyList?
    ;

partitionBound
    : LESS THAN (MAXVALUE | upper=partitionValueList)                                #lessThanBound
    | LEFT_BRACKET lower=partitionValueList COMMA upper=partitionValueList RIGHT_PAREN  #fixedRangeBound
    | IN LEFT_PAREN partitionValueList (COMMA partitionValueList)* RIGHT_PAREN       #multiColumnListBound
    | IN LEFT_PAREN partitionValue (COMMA partitionValue)* RIGHT_PAREN               #listBound
    ;

partitionValueList
    : LEFT_PAREN partitionValue (COMMA partitionValue)* RIGHT_PAREN
    ;

partitionValue
    : MAXVALUE                                                                       #maxPartitionValue
    | MINUS number=(INTEGER_VALUE | DECIMAL_VALUE)                                   #negativePartitionValue
    | constant                                                                       #constantPartitionValue
    ;

distributionClause
    : DISTRIBUTED BY (HASH identifierList | RANDOM) (BUCKETS (buckets=INTEGER_VALUE | AUTO))?
    ;

tableName
    : first=identifier (DOT second=identifier)?
    ;

identifierList
    : LEFT_PAREN identifier (COMMA identifier)* RIGHT_PAREN
    ;

// PARTITION (p1, p2), PARTITIONS (p1, p2) or PARTITION p1.
partitionSpec
    : (PARTITION | PARTITIONS) identifierList
    | PARTITION identifier
    ;

// ---------------------------------------------------------------------------------------------
// Table information: DESC, SHOW CREATE TABLE / DATABASE, SHOW [FULL] COLUMNS, SHOW INDEX, SHOW TABLE
// STATUS, SHOW PARTITIONS / TABLETS / DATA, ADMIN SHOW REPLICA.
// ---------------------------------------------------------------------------------------------
tableInfoStatement
    : (DESC | DESCRIBE) tableName ALL?                                               #describe
    | SHOW CREATE TABLE tableName                                                    #showCreateTable
    | SHOW CREATE (DATABASE | SCHEMA) database=identifier                            #showCreateDatabase
    | SHOW FULL? (COLUMNS | FIELDS) (FROM | IN) tableName
        ((FROM | IN) database=identifier)? showFilter?                               #showColumns
    | SHOW (INDEX | INDEXES | KEYS) (FROM | IN) tableName
        ((FROM | IN) database=identifier)?                                           #showIndex
    | SHOW TABLE STATUS ((FROM | IN) database=identifier)? showFilter?               #showTableStatus
    | SHOW PARTITIONS FROM tableName                                                 #showPartitions
    | SHOW TABLET tabletId=INTEGER_VALUE                                             #showTablet
    | SHOW TABLETS FROM tableName partitionSpec? (WHERE where=expression)?
        (ORDER BY orderItem (COMMA orderItem)*)? limitClause?                        #showTablets
    | SHOW DATA (FROM tableName)?                                                    #showData
    | ADMIN? SHOW REPLICA STATUS FROM tableName partitionSpec?
        (WHERE STATUS operator=(EQUAL | NOT_EQUAL) status=stringLiteral)?            #showReplicaStatus
    | ADMIN? SHOW REPLICA DISTRIBUTION FROM tableName partitionSpec?                 #showReplicaDistribution
    ;

// ---------------------------------------------------------------------------------------------
// INSERT.
// ---------------------------------------------------------------------------------------------
insertStatement
    : INSERT INTO tableName partitionSpec? (WITH LABEL label=identifier)? columns=identifierList?
      (VALUES valuesRow (COMMA valuesRow)* | selectStatement)
    ;

valuesRow
    : LEFT_PAREN insertValue (COMMA insertValue)* RIGHT_PAREN
    ;

insertValue
    : DEFAULT
    | expression
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

transactionCharacteristic
    : ISOLATION LEVEL (READ UNCOMMITTED | READ COMMITTED | REPEATABLE READ | SERIALIZABLE)
    | READ (ONLY | WRITE)
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
    : SELECT setQuantifier=(DISTINCT | ALL)? selectItem (COMMA selectItem)*
      (FROM (DUAL | tableReference))?
      (WHERE where=expression)?
      (GROUP BY groupBy+=expression (COMMA groupBy+=expression)*)?
      (HAVING having=expression)?
      (ORDER BY orderItem (COMMA orderItem)*)?
      limitClause?
    ;

// UNION [ALL | DISTINCT] SELECT ...: an ORDER BY or LIMIT belongs to the SELECT it follows.
unionPart
    : UNION quantifier=(ALL | DISTINCT)? selectStatement
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
    : function=identifier LEFT_PAREN (expression (COMMA expression)*)? RIGHT_PAREN
        (AS? tableAlias=identifier)?                                                 #tableFunctionReference
    | first=identifier (DOT second=identifier)? (AS? tableAlias=identifier)?         #namedTableReference
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
    // x COLLATE c binds tighter than any operator, as in MySQL.
    | valueExpression COLLATE collation=charsetName                                   #collated
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
    // CAST(x AS SIGNED INTEGER): the second word is checked by the AST builder.
    | CAST LEFT_PAREN expression AS dataType trailing=identifier? RIGHT_PAREN        #cast
    | CONVERT LEFT_PAREN expression COMMA dataType trailing=identifier? RIGHT_PAREN  #convert
    | CASE operand=expression whenClause+ (ELSE otherwise=expression)? END           #simpleCase
    | CASE whenClause+ (ELSE otherwise=expression)? END                              #searchedCase
    | LEFT_PAREN expression RIGHT_PAREN                                              #parenthesized
    // Before #column: "DATE '2024-01-01'" is a date literal, not the column date aliased.
    | typeName=(DATE | TIMESTAMP) STRING                                             #typedLiteral
    | database=identifier DOT qualifier=identifier DOT name=identifier               #fullyQualifiedColumn
    | qualifier=identifier DOT name=identifier                                       #qualifiedColumn
    | identifier                                                                     #column
    ;

whenClause
    : WHEN condition=expression THEN result=expression
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

// Keywords that may still be used as identifiers, aliases and variable names (ON also as a SET value).
// DATABASE, SCHEMA and IF stay usable as the function names of DATABASE(), SCHEMA() and IF().
nonReserved
    : ADD | ADMIN | AGGREGATE | ALTER | AUTO | BACKEND | BACKENDS | BLOCKERS | BUCKETS | CANCEL | CAST
    | CHARACTER | CHARSET | COLLATE | COLLATION | COLUMNS | COMMENT | CONFIG | CONNECTION | DATA | DATABASE
    | DATABASES | DATE | DECOMMISSION | KILL | PROCESSLIST | QUERY
    | DISTRIBUTED | DISTRIBUTION | DROP | DROPP | DUPLICATE | ENGINE | ENGINES | ERRORS | EXPLAIN | FIELDS | FOR
    | FORCE | FRONTEND | FRONTENDS | FULL | FUNCTION | INDEXES | PROCEDURE
    | GLOBAL | GRANTS | HASH | IDENTIFIED | IF | LABEL | LESS | LIST | LOCAL | MODIFY | NAMES | OFFSET | ON | PARTITIONS
    | PASSWORD | PAUSE | PROC | PROPERTIES | PROPERTY | RANDOM | RANGE | REPAIR | REPLICA | RESUME | ROLE | ROLES | SCHEMA
    | SCHEMAS | SESSION | SHOW | STATUS
    | BEGIN | COMMIT | COMMITTED | ISOLATION | LEVEL | ONLY | READ | REPEATABLE | ROLLBACK | SERIALIZABLE | START
    | TRANSACTION | UNCOMMITTED | WORK | WRITE
    | SYSTEM | TABLES | TABLET | TABLETS | TRASH | CLEAN | DIAGNOSE | DIAGNOSIS | TEMPORARY | THAN | TIMESTAMP | TO | USE | USER | VARIABLES | WARNINGS
    ;
