/**
 * graphql-js and Apollo Server write their request errors in English ("Variable "$i" got invalid
 * value 2.5; Int cannot represent non-integer value: 2.5"). People read Chinese: this turns each
 * message graphql-js 16 and Apollo Server 5 produce about a request (syntax, validation, variable
 * and argument coercion, operation choice, the POST body) into Chinese, keeping the names and
 * values it quotes. `translateGraphQLMessage` answers null for a message it does not know; the
 * formatter then says only what kind of problem it is (the English stays in the extensions).
 */

type Translate = (match: RegExpMatchArray) => string;

/** “name”: identifiers and values as written in the request, inside Chinese quotes. */
const q = (name: string) => `“${name}”`;

/** Token descriptions of the lexer/parser (`<EOF>`, `Name "x"`, `"{"`). */
function token(desc: string): string {
  if (desc === '<EOF>') return '查询末尾';
  const m = /^(Name|Int|Float|String|BlockString|Comment) "(.*)"$/s.exec(desc);
  if (m) return `${TOKEN_KINDS[m[1]!]} ${q(m[2]!)}`;
  if (TOKEN_KINDS[desc]) return TOKEN_KINDS[desc];
  return desc.replace(/^"(.*)"$/s, (_, p: string) => q(p));
}
const TOKEN_KINDS: Record<string, string> = {
  Name: '名称',
  Int: '整数',
  Float: '小数',
  String: '字符串',
  BlockString: '块字符串',
  Comment: '注释',
};

/** `Syntax Error: <description>` of graphql-js' lexer and parser. */
const SYNTAX: [RegExp, Translate][] = [
  [/^Expected (.+), found (.+)\.$/s, (m) => `此处应为 ${token(m[1]!)}，实际为 ${token(m[2]!)}`],
  [/^Unexpected variable "\$(\w+)" in constant value\.$/, (m) => `常量值中不能使用变量 ${q(`$${m[1]}`)}`],
  [/^Unexpected description, .+$/s, () => '此处不能写描述（description）'],
  [/^Unexpected character: (.+)\.$/s, (m) => `无效字符 ${m[1]}`],
  [/^Invalid character: (.+)\.$/s, (m) => `无效字符 ${m[1]}`],
  [/^Unexpected single quote character \('\), .+$/s, () => '字符串须用双引号（"），不能用单引号'],
  [/^Unexpected (.+)\.$/s, (m) => `此处不应出现 ${token(m[1]!)}`],
  [/^Unterminated string\.$/, () => '字符串缺少结束的引号'],
  [/^Invalid number, (.+)$/s, () => '数字格式错误'],
  [/^Invalid Unicode escape sequence: (.+)\.$/s, (m) => `无效的 Unicode 转义序列 ${m[1]}`],
  [/^Invalid character escape sequence: (.+)\.$/s, (m) => `无效的转义序列 ${m[1]}`],
  [
    /^Document contains more than (\d+) (tokens|comments)\. Parsing aborted\.$/,
    (m) => `查询过长（超过 ${m[1]} 个${m[2] === 'tokens' ? '词法单元' : '注释'}），已停止解析`,
  ],
];

/** ` Did you mean "a", "b", or "c"?` (graphql-js didYouMean), as a Chinese hint. */
function suggestion(text: string): string {
  const fragment = /^to use an inline fragment on (.+)$/s.exec(text);
  if (fragment) return `（是否要对 ${names(fragment[1]!)} 使用内联片段？）`;
  return `（是否要用 ${names(text.replace(/^the enum value /, ''))}？）`;
}
const names = (list: string) => (list.match(/"[^"]*"/g) ?? [list]).map((n) => q(n.replace(/^"|"$/g, ''))).join('、');

/**
 * Messages in order of specificity. Group names: v variable, t type, f field, a argument,
 * x value as graphql-js printed it.
 */
const RULES: [RegExp, Translate][] = [
  // --- values (variables, input objects, scalars, enums): coerceInputValue, scalars, enums
  [/^Int cannot represent non-integer value: (.+)$/s, (m) => `${m[1]} 不是整数`],
  [/^Int cannot represent non 32-bit signed integer value: (.+)$/s, (m) => `${m[1]} 超出整数的范围（32 位有符号整数）`],
  [/^Float cannot represent non numeric value: (.+)$/s, (m) => `${m[1]} 不是数字`],
  [/^String cannot represent a non string value: (.+)$/s, (m) => `${m[1]} 不是字符串`],
  [/^Boolean cannot represent a non boolean value: (.+)$/s, (m) => `${m[1]} 不是布尔值（true 或 false）`],
  [
    /^ID cannot represent (?:a non-string and non-integer )?value: (.+)$/s,
    (m) => `${m[1]} 不是有效的 ID（应为字符串或整数）`,
  ],
  [/^Value "(.*)" does not exist in "(\w+)" enum\.$/s, (m) => `${q(m[1]!)} 不是 ${q(m[2]!)} 的可选值`],
  [
    /^Enum "(\w+)" cannot represent non-(?:string|enum) value: (.+)\.$/s,
    (m) => `${m[2]} 不是 ${q(m[1]!)} 的可选值（应写枚举值本身）`,
  ],
  // graphql-scalars' DateTime / DateTimeISO (type-graphql's Date fields), then any other scalar
  [
    /^\w+ cannot represent an invalid date-time-string (.+?)\.?$/s,
    (m) => `${m[1]} 不是有效的日期时间（应为 ISO 8601 格式，如 2025-11-24T08:30:00Z）`,
  ],
  [/^\w+ cannot represent an invalid (?:Date instance|Unix timestamp.*)$/s, () => '不是有效的日期时间'],
  [/^\w+ cannot represent non string or Date type (.+)$/s, (m) => `${m[1]} 不是日期时间字符串`],
  [
    /^(\w+) cannot represent (?:a |an )?(?:non[- ][\w -]+ )?value:? ?(.*)$/s,
    (m) => `${m[2]} 不是有效的 ${q(m[1]!)} 值`,
  ],
  [/^Expected non-nullable type "(.+)" not to be null\.$/s, (m) => `类型为 ${q(m[1]!)} 的值不能为 null`],
  [/^Expected type "(\w+)" to be an object\.$/, (m) => `应为 ${q(m[1]!)} 类型的对象`],
  [/^Expected type "(\w+)"\.(?: .*)?$/s, (m) => `不是有效的 ${q(m[1]!)} 类型的值`],
  [
    /^Field "(\w+)\.(\w+)" of required type "(.+)" was not provided\.$/s,
    (m) => `${q(m[1]!)} 缺少必填字段 ${q(m[2]!)}（类型 ${q(m[3]!)}）`,
  ],
  [
    /^Field "(\w+)" of required type "(.+)" was not provided\.$/s,
    (m) => `缺少必填字段 ${q(m[1]!)}（类型 ${q(m[2]!)}）`,
  ],
  [/^Field "(\w+)" is not defined by type "(\w+)"\.$/, (m) => `${q(m[2]!)} 没有字段 ${q(m[1]!)}`],
  [/^Field "([\w.]+)" must be non-null\.$/, (m) => `字段 ${q(m[1]!)} 不能为 null`],
  [
    /^(?:Exactly one key must be specified for OneOf type|OneOf Input Object) "(\w+)"(?: must specify exactly one key)?\.$/,
    (m) => `${q(m[1]!)} 必须且只能填写一个字段`,
  ],
  [
    /^Expected value of type "(.+?)", found (.+?)(?:; (.*))?\.?$/s,
    (m) => `此处应为 ${q(m[1]!)} 类型的值，实际为 ${m[2]}${m[3] ? `：${translate(m[3]) ?? '格式不正确'}` : ''}`,
  ],

  // --- variables (execution/values.js and the validation rules about variables)
  [
    /^Variable "\$(\w+)" of required type "(.+)" was not provided\.$/s,
    (m) => `缺少必填变量 ${q(`$${m[1]}`)}（类型 ${q(m[2]!)}）`,
  ],
  [
    /^Variable "\$(\w+)" of non-null type "(.+)" must not be null\.$/s,
    (m) => `变量 ${q(`$${m[1]}`)}（类型 ${q(m[2]!)}）不能为 null`,
  ],
  [
    /^Variable "\$(\w+)" expected value of type "(.+)" which cannot be used as an input type\.$/s,
    (m) => `变量 ${q(`$${m[1]}`)} 的类型 ${q(m[2]!)} 不能用作输入类型`,
  ],
  [/^Variable "\$(\w+)" got invalid value (.+)$/s, (m) => invalidVariable(m[1]!, m[2]!)],
  [/^Variable "\$(\w+)" is never used(?: in operation "(\w+)")?\.$/, (m) => `变量 ${q(`$${m[1]}`)} 已声明但未使用`],
  [/^Variable "\$(\w+)" is not defined(?: by operation "(\w+)")?\.$/, (m) => `变量 ${q(`$${m[1]}`)} 未在操作中声明`],
  [
    /^Variable "\$(\w+)" of type "(.+)" used in position expecting type "(.+)"\.$/s,
    (m) => `变量 ${q(`$${m[1]}`)} 的类型 ${q(m[2]!)} 与此处要求的类型 ${q(m[3]!)} 不符`,
  ],
  [
    /^Variable "\$(\w+)" cannot be non-input type "(.+)"\.$/s,
    (m) => `变量 ${q(`$${m[1]}`)} 不能使用非输入类型 ${q(m[2]!)}`,
  ],
  [
    /^Variable "\$(\w+)" is of type "(.+)" but must be non-nullable to be used for OneOf Input Object "(\w+)"\.$/s,
    (m) => `变量 ${q(`$${m[1]}`)} 用于 ${q(m[3]!)} 时必须为非空类型（当前为 ${q(m[2]!)}）`,
  ],
  [/^There can be only one variable named "\$(\w+)"\.$/, (m) => `变量 ${q(`$${m[1]}`)} 重复声明`],

  // --- arguments (execution/values.js getArgumentValues)
  [
    /^Argument "(\w+)" of required type "(.+)" was provided the variable "\$(\w+)" which was not provided a runtime value\.$/s,
    (m) => `参数 ${q(m[1]!)}（类型 ${q(m[2]!)}）所用的变量 ${q(`$${m[3]}`)} 没有提供值`,
  ],
  [
    /^Argument "(\w+)" of required type "(.+)" was not provided\.$/s,
    (m) => `缺少必填参数 ${q(m[1]!)}（类型 ${q(m[2]!)}）`,
  ],
  [
    /^Argument "(\w+)" of non-null type "(.+)" must not be null\.$/s,
    (m) => `参数 ${q(m[1]!)}（类型 ${q(m[2]!)}）不能为 null`,
  ],
  [/^Argument "(\w+)" has invalid value (.+)\.$/s, (m) => `参数 ${q(m[1]!)} 的值 ${m[2]} 无效`],

  // --- validation rules (graphql/validation/rules)
  [/^Cannot query field "(\w+)" on type "(\w+)"\.$/, (m) => `${q(m[2]!)} 上没有字段 ${q(m[1]!)}`],
  [/^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"\.$/, (m) => `字段 ${q(`${m[2]}.${m[3]}`)} 没有参数 ${q(m[1]!)}`],
  [/^Unknown argument "(\w+)" on directive "@(\w+)"\.$/, (m) => `指令 ${q(`@${m[2]}`)} 没有参数 ${q(m[1]!)}`],
  [
    /^Field "(\w+)" argument "(\w+)" of type "(.+)" is required, but it was not provided\.$/s,
    (m) => `字段 ${q(m[1]!)} 缺少必填参数 ${q(m[2]!)}（类型 ${q(m[3]!)}）`,
  ],
  [
    /^Directive "@(\w+)" argument "(\w+)" of type "(.+)" is required, but it was not provided\.$/s,
    (m) => `指令 ${q(`@${m[1]}`)} 缺少必填参数 ${q(m[2]!)}（类型 ${q(m[3]!)}）`,
  ],
  [/^Unknown type "(\w+)"\.$/, (m) => `未知的类型 ${q(m[1]!)}`],
  [/^Unknown directive "@(\w+)"\.$/, (m) => `未知的指令 ${q(`@${m[1]}`)}`],
  [/^Directive "@(\w+)" may not be used on (\w+)\.$/, (m) => `指令 ${q(`@${m[1]}`)} 不能用在 ${m[2]} 上`],
  [
    /^The directive "@(\w+)" can only be used once at this location\.$/,
    (m) => `指令 ${q(`@${m[1]}`)} 在此处只能使用一次`,
  ],
  [/^Unknown fragment "(\w+)"\.$/, (m) => `未定义的片段 ${q(m[1]!)}`],
  [/^Fragment "(\w+)" is never used\.$/, (m) => `片段 ${q(m[1]!)} 已定义但未使用`],
  [
    /^Field "(\w+)" must not have a selection since type "(.+)" has no subfields\.$/s,
    (m) => `字段 ${q(m[1]!)} 的类型 ${q(m[2]!)} 没有子字段，不能再选择字段`,
  ],
  [
    /^Field "(\w+)" of type "(.+)" must have (?:a selection of subfields\. Did you mean "[^"]*"\?|at least one field selected\.)$/s,
    (m) => `字段 ${q(m[1]!)} 的类型为 ${q(m[2]!)}，须选择它的子字段，例如 ${m[1]} { … }`,
  ],
  [/^There can be only one argument named "(\w+)"\.$/, (m) => `参数 ${q(m[1]!)} 重复`],
  [/^There can be only one input field named "(\w+)"\.$/, (m) => `输入字段 ${q(m[1]!)} 重复`],
  [/^There can be only one operation named "(\w+)"\.$/, (m) => `操作名 ${q(m[1]!)} 重复`],
  [/^There can be only one fragment named "(\w+)"\.$/, (m) => `片段名 ${q(m[1]!)} 重复`],
  [/^This anonymous operation must be the only defined operation\.$/, () => '匿名操作必须是文档中唯一的操作'],
  [
    /^Fields "(\w+)" conflict because .+$/s,
    (m) => `字段 ${q(m[1]!)} 的多次选择相互冲突；如需同时获取，请为它们起不同的别名`,
  ],
  [
    /^Fragment (?:"(\w+)" )?cannot be spread here as objects of type "(\w+)" can never be of type "(\w+)"\.$/,
    (m) => `片段${m[1] ? ` ${q(m[1])} ` : ''}不能用在此处：${q(m[2]!)} 类型的对象不可能是 ${q(m[3]!)} 类型`,
  ],
  [
    /^Fragment (?:"(\w+)" )?cannot condition on non composite type "(.+)"\.$/s,
    (m) => `片段${m[1] ? ` ${q(m[1])} ` : ''}的类型条件 ${q(m[2]!)} 不是对象、接口或联合类型`,
  ],
  [/^Cannot spread fragment "(\w+)" within itself.*$/s, (m) => `片段 ${q(m[1]!)} 不能直接或间接引用自身`],
  [
    /^The "?(.+?)"? definition is not executable\.$/s,
    (m) => `文档中的 ${q(m[1]!)} 定义不能执行（只能包含查询、变更、订阅和片段）`,
  ],
  [
    /^(?:Subscription "(\w+)"|Anonymous Subscription) must select only one top level field\.$/,
    () => '一个订阅只能选择一个顶层字段',
  ],
  [
    /^(?:Subscription "(\w+)"|Anonymous Subscription) must not select an introspection top level field\.$/,
    () => '订阅不能选择内省字段',
  ],
  [/^Maximum introspection depth exceeded$/, () => '内省查询嵌套过深'],

  // --- choosing the operation (execution/execute.js)
  [
    /^Must provide operation name if query contains multiple operations\.$/,
    () => '文档包含多个操作时，必须指定 operationName',
  ],
  [/^Unknown operation named "(.+)"\.$/s, (m) => `文档中没有名为 ${q(m[1]!)} 的操作`],
  [/^Must provide an operation\.$/, () => '文档中没有可执行的操作'],

  // --- the HTTP request itself (Apollo Server)
  [
    /^GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension\.$/,
    () => '请求中缺少查询语句（query）',
  ],
  [
    /^POST body missing, invalid Content-Type, or JSON object has no keys\.$/,
    () => '请求体为空、Content-Type 不正确或 JSON 对象为空',
  ],
  [
    /^`(variables|extensions)` in a POST body should be provided as an object, not a recursively JSON-encoded string\.$/,
    (m) => `${m[1]} 应为 JSON 对象，而不是再次编码成字符串的 JSON`,
  ],
  [/^`(variables|extensions)` in a POST body must be an object if provided\.$/, (m) => `${m[1]} 必须是 JSON 对象`],
  [/^`operationName` in a POST body must be a string if provided\.$/, () => 'operationName 必须是字符串'],
  [/^GraphQL queries must be strings\..*$/s, () => 'query 必须是字符串'],
  [
    /^GET requests only support query operations, not (\w+) operations$/,
    (m) => `GET 请求只能执行查询，不能执行 ${m[1]}`,
  ],
  [/^No operations found in request\.$/, () => '请求中没有任何操作'],
  [/^Operation batching disabled\.$/, () => '不支持批量请求'],

  // --- execution
  [
    /^Cannot return null for non-nullable field (\w+)\.(\w+)\.$/,
    (m) => `未能取得 ${q(`${m[1]}.${m[2]}`)}（不能为空）：数据不存在或无权查看`,
  ],
];

/** `Variable "$v" got invalid value <x>[ at "v.path"]; <reason>`: <x> may itself contain "; ". */
function invalidVariable(variable: string, rest: string): string {
  let at = rest.indexOf('; ');
  while (at >= 0) {
    const head = rest.slice(0, at);
    const reason = translate(rest.slice(at + 2));
    if (reason) {
      const where = /^(.*) at "([^"]+)"$/s.exec(head);
      const value = where ? where[1] : head;
      const path = where && where[2] !== variable ? `（${where[2]}）` : '';
      return `变量 ${q(`$${variable}`)}${path}的值 ${value} 无效：${reason}`;
    }
    at = rest.indexOf('; ', at + 2);
  }
  return `变量 ${q(`$${variable}`)} 的值无效`;
}

/** Chinese text takes no spaces between its characters and the quotes around a name. */
const CJK_OR_QUOTE = '[\\u3400-\\u9fff\\uff08\\uff09\\uff0c\\uff1a\\uff1f\\u3001“”]';
const LOOSE = new RegExp(`(?<=${CJK_OR_QUOTE}) +(?=${CJK_OR_QUOTE})`, 'g');
const tidy = (text: string) => text.replace(LOOSE, '');

/** The Chinese of one graphql-js / Apollo request error message, or null when it is not one of them. */
export function translateGraphQLMessage(message: string): string | null {
  const translated = translate(message);
  return translated === null ? null : tidy(translated);
}

function translate(message: string): string | null {
  const syntax = /^Syntax Error: (.+)$/s.exec(message);
  if (syntax) {
    for (const [pattern, translate] of SYNTAX) {
      const m = pattern.exec(syntax[1]!);
      if (m) return translate(m);
    }
    return null;
  }
  const hint = /^(.*?)\s*Did you mean (.+)\?$/s.exec(message);
  // "must have a selection of subfields. Did you mean …" carries its hint inside its own rule.
  const [body, tail] =
    hint && !/must have a selection of subfields\.$/.test(hint[1]!) ? [hint[1]!, suggestion(hint[2]!)] : [message, ''];
  for (const [pattern, translate] of RULES) {
    const m = pattern.exec(body);
    if (m) return translate(m) + tail;
  }
  return null;
}
