// The r1j reward language. Parsed by org.r1j.dsl.parse.SourceParser into org.r1j.dsl.ast records.
// Only a visitor is generated (into org.r1j.dsl.grammar); our own classes never reuse the generated names
// (RewardLexer, RewardParser, RewardVisitor) so nothing clashes on case-insensitive file systems.
grammar Reward;

program : item* EOF ;

item
    : IMPORT path=STRING                                           # ImportItem
    | LANGUAGE code=STRING                                         # LanguageItem
    | FIELD name=IDENT ':' type=IDENT                              # FieldItem
    | DEF name=IDENT '(' (params+=param (',' params+=param)*)? ')' '=' body=expr  # FunctionItem
    | DEF name=IDENT '=' body=expr                                 # DefItem
    | REWARD name=IDENT option* '=' body=expr                      # RewardItem
    ;

option
    : WEIGHT value=signedNumber                                    # WeightOption
    | UNKNOWN (value=signedNumber | SKIP_)                         # UnknownOption
    ;

// A function's parameter: `x: text` (number, text, bool, list, regex).
param : name=IDENT ':' type=IDENT ;

signedNumber : sign='-'? NUMBER ;

// Precedence ladder, tightest first; the prefix forms `if` and `let` come last so their final expression
// extends as far as possible (`if c then a else b + 1` adds 1 in the else branch).
expr
    : primary                                                      # PrimaryExpr
    | op='-' operand=expr                                          # NegateExpr
    | left=expr op=('*' | '/' | '%') right=expr                    # MulExpr
    | left=expr op=('+' | '-') right=expr                          # AddExpr
    | <assoc=right> left=expr op='??' right=expr                   # DefaultExpr
    | left=expr op=('<' | '<=' | '>' | '>=' | '==' | '!=') right=expr  # CompareExpr
    | left=expr op=('~' | '!~') right=expr                         # MatchExpr
    | op=NOT operand=expr                                          # NotExpr
    | left=expr op=AND right=expr                                  # AndExpr
    | left=expr op=OR right=expr                                   # OrExpr
    | IF cond=expr THEN then=expr ELSE otherwise=expr              # IfExpr
    | LET binding ((',' | LET) binding)* IN body=expr              # LetExpr
    ;

binding : name=IDENT '=' value=expr ;

primary
    : NUMBER                                                       # NumberLit
    | STRING                                                       # StringLit
    | REGEX                                                        # RegexLit
    | value=(TRUE | FALSE)                                         # BoolLit
    | name=IDENT '(' (args+=expr (',' args+=expr)*)? ')'           # Call
    | name=IDENT                                                   # Name
    | '(' inner=expr ')'                                           # Parens
    | '[' (items+=expr (',' items+=expr)*)? ']'                    # ListLit
    ;

IMPORT   : 'import' ;
LANGUAGE : 'language' ;
FIELD    : 'field' ;
DEF      : 'def' ;
REWARD   : 'reward' ;
WEIGHT   : 'weight' ;
UNKNOWN  : 'unknown' ;
SKIP_    : 'skip' ;
IF       : 'if' ;
THEN     : 'then' ;
ELSE     : 'else' ;
LET      : 'let' ;
IN       : 'in' ;
AND      : 'and' ;
OR       : 'or' ;
NOT      : 'not' ;
TRUE     : 'true' ;
FALSE    : 'false' ;

NUMBER : DIGITS ('.' DIGITS)? ([eE] [+-]? DIGITS)? ;
// A regex literal: r"..." with RE2 syntax kept verbatim (only \" is special), then flags s, i, m.
REGEX  : 'r"' ( '\\' . | ~["\\\r\n] )* '"' [a-zA-Z]* ;
STRING : '"' ( '\\' . | ~["\\\r\n] )* '"' ;
IDENT  : [a-zA-Z_] [a-zA-Z_0-9]* ;

COMMENT : '#' ~[\r\n]* -> skip ;
WS      : [ \t\r\n\f]+ -> skip ;
// Anything else becomes a token the parser rejects with a position, instead of a lexer error.
ERROR_CHAR : . ;

fragment DIGITS : [0-9]+ ;
