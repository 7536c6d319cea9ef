import { describe, expect, it } from "vitest";
import { clientAddressKey, NOT_AN_ADDRESS } from "./client-address.js";

describe("clientAddressKey", () => {
  it.each([
    "203.0.113.9",
    "::ffff:203.0.113.9",
    "::FFFF:203.0.113.9",
    "::ffff:cb00:7109",
    "0:0:0:0:0:ffff:cb00:7109",
    "203.0.113.9:1001",
    "[::ffff:203.0.113.9]:443",
  ])("counts %s as the one IPv4 address it is", (written) => {
    expect(clientAddressKey(written)).toBe("203.0.113.9");
  });

  it("counts an IPv6 client per /64", () => {
    const key = clientAddressKey("2001:db8:1:2::1");
    expect(key).toBe("2001:db8:1:2::/64");
    for (const sibling of ["2001:db8:1:2:ffff:ffff:ffff:ffff", "[2001:db8:1:2::abcd]:8080"]) {
      expect(clientAddressKey(sibling)).toBe(key);
    }
    expect(clientAddressKey("2001:db8:1:3::1")).not.toBe(key);
    expect(clientAddressKey("::1")).toBe("0:0:0:0::/64");
  });

  it.each([
    "unknown",
    "203.0.113.09",
    "203.0.113.009",
    "3405803785",
    "0xcb.0.113.9",
    "0313.0.113.9",
    "203.0.29961",
    "203.0.113.09:1001",
    "client.example.com",
    "",
  ])("counts %j, which is not an address in standard notation, under the one shared key", (raw) => {
    expect(clientAddressKey(raw)).toBe(NOT_AN_ADDRESS);
  });
});
