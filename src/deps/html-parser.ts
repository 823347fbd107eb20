import { DomUtils, parseDocument, Parser } from 'htmlparser2';

/**
 * htmlparser2, for `colophon check`: a tolerant, fast HTML and XML parser (the one cheerio uses),
 * which decodes entities in attribute values as a browser does.
 */

/** What a page holds that can be wrong: its ids, its links, and its images. */
export interface PageParts {
  ids: string[]; // in document order, repeats kept
  links: { tag: string; attribute: 'href' | 'src'; value: string }[];
  images: { src: string; alt?: string }[];
}

const LINKING: Record<string, 'href' | 'src'> = {
  a: 'href',
  area: 'href',
  link: 'href',
  img: 'src',
  script: 'src',
  iframe: 'src',
  source: 'src',
  video: 'src',
  audio: 'src',
};

export function readPage(html: string): PageParts {
  const parts: PageParts = { ids: [], links: [], images: [] };
  const parser = new Parser({
    onopentag(name, attributes) {
      if (attributes.id !== undefined) parts.ids.push(attributes.id);
      const attribute = LINKING[name];
      const value = attribute && attributes[attribute];
      if (attribute && value !== undefined && value !== '') parts.links.push({ tag: name, attribute, value });
      if (name === 'img') parts.images.push({ src: attributes.src ?? '', alt: attributes.alt });
    },
  }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.end(html);
  return parts;
}

/** An XML element, simplified: name (with prefix), attributes, its text, and its child elements. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

/** The root element of an XML document, or undefined when there is none. */
export function readXml(xml: string): XmlElement | undefined {
  const document = parseDocument(xml, { xmlMode: true, decodeEntities: true });
  const root = DomUtils.getChildren(document).find(isElement);
  return root && isElement(root) ? toElement(root) : undefined;
}

/** In XML mode every element is a "tag" node; text, comments and CDATA are not. */
const isElement = (node: unknown): node is { name: string; attribs: Record<string, string> } =>
  (node as { type?: string }).type === 'tag';

function toElement(node: { name: string; attribs?: Record<string, string> }): XmlElement {
  const children = DomUtils.getChildren(node as never).filter(isElement);
  return {
    name: node.name,
    attributes: { ...(node.attribs ?? {}) },
    text: DomUtils.textContent(node as never),
    children: children.map((c) => toElement(c as never)),
  };
}
