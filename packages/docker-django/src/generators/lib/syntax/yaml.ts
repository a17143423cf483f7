import { Scalar, visit, type Document, type ToStringOptions } from 'yaml';

// Docker Compose and the Docker CLI read YAML with go-yaml, which follows YAML 1.1: DEL, the C1
// controls and U+FFFE are refused, and NEL, U+2028 and U+2029 are line breaks. The `yaml`
// library writes them as they are (YAML 1.2 allows them), so a name holding one broke or
// changed compose.yaml. Such strings are written double-quoted with the characters escaped;
// so are strings with a tab and a line break, which the `yaml` library writes as a block
// scalar whose tab go-yaml takes for indentation.
const YAML_1_1_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufffe\uffff]/g;

function escape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The document's text, readable alike by YAML 1.2 and 1.1 readers. */
export function yamlText(doc: Document, options: ToStringOptions = {}): string {
  visit(doc, {
    Scalar(_, node) {
      const value = node.value;
      if (
        typeof value === 'string' &&
        (value.search(YAML_1_1_UNSAFE) >= 0 || (value.includes('\t') && value.includes('\n')))
      )
        node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  // Only double-quoted scalars hold these now (comments escape them, see comment.ts), and
  // there `\uXXXX` is the character itself.
  return doc.toString(options).replace(YAML_1_1_UNSAFE, escape);
}
