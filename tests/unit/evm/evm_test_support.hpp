#pragma once
// Shared helpers for the EVM unit tests: a tiny bytecode builder and a fixture that runs code
// against a MockHost whose nested calls recurse into the same Vm.

#include <initializer_list>
#include <map>

#include <gtest/gtest.h>

#include "common/uint256.hpp"
#include "crypto/keccak.hpp"
#include "evm/create_address.hpp"
#include "evm/opcodes.hpp"
#include "evm/precompiles.hpp"
#include "evm/vm.hpp"
#include "host/mock_host.hpp"

namespace yunlian::evm::test {

/// Concatenates bytecode pieces.
inline Bytes operator+(Bytes a, const Bytes& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

/// One or more raw opcodes.
inline Bytes ops(std::initializer_list<std::uint8_t> codes) { return Bytes(codes); }

/// The shortest PUSH of `v` (PUSH0 for zero).
inline Bytes push(const Uint256& v) {
    if (v.is_zero()) return {kPush0};
    const auto n = byte_length(v);
    const auto be = v.to_be_bytes();
    Bytes out{static_cast<std::uint8_t>(kPush1 + n - 1)};
    out.insert(out.end(), be.begin() + (32 - n), be.end());
    return out;
}

/// PUSH of an address (always PUSH20).
inline Bytes push(const Address& a) {
    Bytes out{static_cast<std::uint8_t>(kPush1 + 19)};
    out.insert(out.end(), a.begin(), a.end());
    return out;
}

/// Stores the top word at memory 0 and returns it.
inline Bytes return_top() { return push(Uint256{0}) + ops({kMstore, kPush1, 32, kPush0, kReturn}); }

/// Code that runs `a op b` (a on top) and returns the result.
inline Bytes binary(std::uint8_t op, const Uint256& a, const Uint256& b) {
    return push(b) + push(a) + ops({op}) + return_top();
}

/// An address with `last` as its final byte.
inline Address addr(std::uint8_t last) {
    Address a;
    a[19] = last;
    return a;
}

/// An address as a stack word.
inline Uint256 address_word(const Address& a) {
    std::uint8_t bytes[32] = {};
    std::copy(a.begin(), a.end(), bytes + 12);
    return Uint256::load_be(bytes);
}

/// Parses a hex word for test vectors.
inline Uint256 word(std::string_view hex) { return *Uint256::from_string(hex); }

/// Runs code on a MockHost; nested calls and creates recurse through the same Vm, with the
/// callee's world changes undone when it fails (enough of a world for opcode tests).
class EvmTest : public ::testing::Test {
  protected:
    EvmTest() {
        msg.gas = 1'000'000;
        msg.recipient = addr(0xaa);
        msg.sender = addr(0xcc);
        msg.code_address = msg.recipient;
        host.call_handler = [this](const host::Message& m) { return nested(m); };
    }

    /// Runs `code` as the code of msg.recipient.
    host::CallResult run(const Bytes& code, std::int64_t gas = 1'000'000) {
        host.accounts[msg.recipient].code = code;
        msg.gas = gas;
        return vm.execute(host, msg, code);
    }

    /// The 32-byte output of a run as a word.
    static Uint256 output_word(const host::CallResult& r) {
        EXPECT_EQ(r.output.size(), 32U);
        if (r.output.size() != 32) return {};
        return Uint256::load_be(r.output.data());
    }

    /// Gas used by `code` that ends successfully.
    std::int64_t gas_used(const Bytes& code, std::int64_t gas = 1'000'000) {
        const auto r = run(code, gas);
        EXPECT_EQ(r.status, host::StatusCode::kSuccess);
        return gas - r.gas_left;
    }

    host::CallResult nested(const host::Message& m) {
        const auto saved = host.accounts;
        auto result = nested_unchecked(m);
        if (result.status != host::StatusCode::kSuccess) host.accounts = saved;
        return result;
    }

    host::CallResult nested_unchecked(const host::Message& m) {
        const bool is_create =
            m.kind == host::CallKind::kCreate || m.kind == host::CallKind::kCreate2;
        auto& sender = host.accounts[m.sender];
        if (is_create) {
            const auto new_addr = m.kind == host::CallKind::kCreate
                                      ? create_address(m.sender, sender.nonce)
                                      : create2_address(m.sender, m.salt, m.input);
            ++sender.nonce;
            if (host.accounts.contains(new_addr) &&
                (host.accounts[new_addr].nonce != 0 || !host.accounts[new_addr].code.empty())) {
                host::CallResult collision;
                collision.status = host::StatusCode::kCreateCollision;
                return collision;
            }
            host.accounts[new_addr].nonce = 1;
            transfer(m.sender, new_addr, m.value);
            auto msg_copy = m;
            msg_copy.recipient = new_addr;
            msg_copy.code_address = new_addr;
            auto r = vm.execute(host, msg_copy, m.input);
            if (r.status == host::StatusCode::kSuccess) {
                host.accounts[new_addr].code = r.output;
                host.accounts[new_addr].code_hash = crypto::keccak256(r.output);
                r.output.clear();
                r.create_address = new_addr;
            }
            return r;
        }
        if (m.kind == host::CallKind::kCall || m.kind == host::CallKind::kCallCode) {
            transfer(m.sender, m.recipient, m.value);
        }
        if (is_precompile(m.code_address)) return run_precompile(m.code_address, m.input, m.gas);
        const auto code = host.accounts[m.code_address].code;
        return vm.execute(host, m, code);
    }

    void transfer(const Address& from, const Address& to, const Uint256& value) {
        host.accounts[from].balance -= value;
        host.accounts[to].balance += value;
    }

    host::MockHost host;
    Vm vm;
    host::Message msg;
};

}  // namespace yunlian::evm::test
