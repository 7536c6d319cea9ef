import { describe, expect, it } from "vitest";
import { addressNetwork, storedClient, USER_AGENT_MAX_LENGTH } from "./session-client.js";

describe("addressNetwork", () => {
  it.each([
    ["203.0.113.9", "203.0.113.0/24"],
    ["10.1.2.255", "10.1.2.0/24"],
    ["::ffff:203.0.113.9", "203.0.113.0/24"],
    ["::ffff:cb00:7109", "203.0.113.0/24"],
    ["2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff", "2001:db8:aaaa::/48"],
    ["2001:DB8::1", "2001:db8:0::/48"],
    ["::1", "0:0:0::/48"],
    ["fe80::1%eth0", "fe80:0:0::/48"],
    ["not an address", null],
    ["", null],
  ])("keeps %j as %j", (address, network) => {
    expect(addressNetwork(address)).toBe(network);
  });
});

describe("storedClient", () => {
  it("keeps the user agent trimmed, printable and bounded", () => {
    expect(storedClient({ userAgent: "  Mozilla/5.0 (X11)  " }).userAgent).toBe(
      "Mozilla/5.0 (X11)",
    );
    expect(storedClient({ userAgent: "a\u001b]0;pwned\u0007\u009bb\ud800" }).userAgent).toBe(
      "a\ufffd]0;pwned\ufffd\ufffdb\ufffd",
    );
    const long = storedClient({ userAgent: "😀".repeat(USER_AGENT_MAX_LENGTH + 10) }).userAgent;
    expect([...(long ?? "")]).toHaveLength(USER_AGENT_MAX_LENGTH);
  });

  it("keeps nothing it was not given", () => {
    expect(storedClient({})).toEqual({ userAgent: null, clientAddress: null });
    expect(storedClient({ userAgent: " ", address: "unix:/run/otas.sock" })).toEqual({
      userAgent: null,
      clientAddress: null,
    });
  });
});
