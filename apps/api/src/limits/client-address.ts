import { isIPv4, isIPv6 } from "node:net";

/** `[v6]:port`, `[v6]`, or `a.b.c.d:port`: an address as some proxies write it. */
const BRACKETED = /^\[([^\]]+)\](?::\d+)?$/;
const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/;

/** The eight 16-bit groups of an IPv6 address (which `isIPv6` accepted), expanded. */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split("%")[0] ?? "";
  const dotted = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted?.[1] !== undefined) {
    // A trailing dotted quad is the last two groups.
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) =>
    part === "" ? [] : part.split(":").map((g) => Number.parseInt(g, 16));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
}

/** The one key of every client whose address is not an IP address in standard notation. */
export const NOT_AN_ADDRESS = "not-an-address";

/**
 * The key a client address is counted under. One IPv4 address is one key however it is written
 * (`203.0.113.9`, `::ffff:203.0.113.9`, `::ffff:cb00:7109`, `203.0.113.9:1001`); an IPv6 client
 * is counted per /64, the smallest block one subscriber normally gets, so rotating through its own
 * addresses buys nothing. Anything else — which only a trusted proxy's `X-Forwarded-For` can hold:
 * IPv4 in another notation (`203.0.113.09`, `3405803785`, `0xcb.0.113.9`, which some parsers read
 * as octal, hexadecimal or one number and others refuse), a name, `unknown` — is
 * {@link NOT_AN_ADDRESS}: all such clients share one count, so rewriting one address in endless
 * ways (or writing anything at all) never makes a new client.
 */
export function clientAddressKey(raw: string): string {
  const address = BRACKETED.exec(raw)?.[1] ?? IPV4_WITH_PORT.exec(raw)?.[1] ?? raw;
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return NOT_AN_ADDRESS;
  const groups = ipv6Groups(address);
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}
