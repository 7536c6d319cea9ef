import { isIPv4, isIPv6 } from "node:net";

/** The client a session is started from, as the transport saw it. */
export interface SessionClient {
  /** The `User-Agent` header, as sent. */
  userAgent?: string | undefined;
  /** The client's address (behind trusted proxies, the forwarded one). */
  address?: string | undefined;
}

/** What a session keeps of its client. */
export interface StoredClient {
  userAgent: string | null;
  clientAddress: string | null;
}

/** The longest user agent kept, in code points (the column's size). */
export const USER_AGENT_MAX_LENGTH = 256;

/** Control characters and unpaired surrogates (a well-formed pair is one code point here). */
const UNPRINTABLE = /[\p{Cc}\p{Cs}]/gu;

/**
 * What a session keeps of its client: the user agent, trimmed, cut to
 * {@link USER_AGENT_MAX_LENGTH} code points, with control characters (terminal escapes
 * included) and unpaired surrogates shown as U+FFFD; and the address only as its network, {@link addressNetwork}.
 */
export function storedClient({ userAgent, address }: SessionClient): StoredClient {
  const agent = [...(userAgent ?? "").replace(UNPRINTABLE, "\ufffd").trim()]
    .slice(0, USER_AGENT_MAX_LENGTH)
    .join("");
  return {
    userAgent: agent === "" ? null : agent,
    clientAddress: address === undefined ? null : addressNetwork(address),
  };
}

/**
 * The network of a client address, so that a session shows roughly where it came from without
 * keeping who: an IPv4 address (also written IPv4-mapped, `::ffff:203.0.113.9`) as its /24,
 * `203.0.113.0/24`; an IPv6 address as its /48, `2001:db8:1::/48` (a site; the /64 of one
 * subscriber would single a household out). Anything else (no address) is null.
 */
export function addressNetwork(address: string): string | null {
  if (isIPv4(address)) return `${address.split(".").slice(0, 3).join(".")}.0/24`;
  if (!isIPv6(address)) return null;
  const groups = ipv6Groups(address);
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) {
    const [high = 0, low = 0] = groups.slice(6);
    return `${high >> 8}.${high & 0xff}.${low >> 8}.0/24`;
  }
  return `${groups
    .slice(0, 3)
    .map((group) => group.toString(16))
    .join(":")}::/48`;
}

/** The eight 16-bit groups of an address `isIPv6` accepted (a zone dropped, a dotted tail read). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split("%")[0] ?? "";
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted !== null) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}
