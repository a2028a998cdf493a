#include "wasm/syntax.hpp"

#include "wasm/reader.hpp"

namespace yunlian::wasm {
namespace {

bool is_value_type(std::uint8_t b) noexcept {
    return b == 0x7f || b == 0x7e || b == 0x7d || b == 0x7c || b == 0x70 || b == 0x6f;
}

Result<void, Error> zero_byte(Reader& r) {
    auto b = r.u8();
    if (!b) return Unexpected(b.error());
    if (*b != 0) return Unexpected(Error::kZeroByteExpected);
    return {};
}

Result<void, Error> u32s(Reader& r, int n) {
    for (int i = 0; i < n; ++i) {
        auto v = r.u32();
        if (!v) return Unexpected(v.error());
    }
    return {};
}

Result<void, Error> prefixed(Reader& r, const Module& module) {
    auto sub = r.u32();
    if (!sub) return Unexpected(sub.error());
    switch (*sub) {
        case 0:
        case 1:
        case 2:
        case 3:
        case 4:
        case 5:
        case 6:
        case 7:
            return {};
        case 8:
        case 9: {
            if (!module.data_count && !module.datas.empty())
                return Unexpected(Error::kDataCountRequired);
            if (auto ok = u32s(r, 1); !ok) return ok;
            return *sub == 8 ? zero_byte(r) : Result<void, Error>{};
        }
        case 10:
            if (auto ok = zero_byte(r); !ok) return ok;
            return zero_byte(r);
        case 11:
            return zero_byte(r);
        case 12:
        case 14:
            return u32s(r, 2);
        case 13:
        case 15:
        case 16:
        case 17:
            return u32s(r, 1);
        default:
            return Unexpected(Error::kIllegalOpcode);
    }
}

Result<void, Error> immediates(Reader& r, std::uint8_t op, const Module& module, int& depth) {
    switch (op) {
        case 0x02:
        case 0x03:
        case 0x04: {
            auto bt = r.sleb(33);
            if (!bt) return Unexpected(bt.error());
            if (*bt < 0 && *bt != -64 && !is_value_type(static_cast<std::uint8_t>(*bt + 0x80)))
                return Unexpected(Error::kMalformedValueType);
            ++depth;
            return {};
        }
        case 0x0b:
            --depth;
            return {};
        case 0x0c:
        case 0x0d:
        case 0x10:
        case 0x20:
        case 0x21:
        case 0x22:
        case 0x23:
        case 0x24:
        case 0x25:
        case 0x26:
        case 0xd2:
            return u32s(r, 1);
        case 0x11:
            return u32s(r, 2);
        case 0x0e: {
            auto n = r.count();
            if (!n) return Unexpected(n.error());
            return u32s(r, static_cast<int>(*n) + 1);
        }
        case 0x1c: {
            auto n = r.count();
            if (!n) return Unexpected(n.error());
            for (std::uint32_t i = 0; i < *n; ++i) {
                auto t = r.u8();
                if (!t) return Unexpected(t.error());
                if (!is_value_type(*t)) return Unexpected(Error::kMalformedValueType);
            }
            return {};
        }
        case 0x3f:
        case 0x40:
            return zero_byte(r);
        case 0x41: {
            auto v = r.sleb(32);
            if (!v) return Unexpected(v.error());
            return {};
        }
        case 0x42: {
            auto v = r.sleb(64);
            if (!v) return Unexpected(v.error());
            return {};
        }
        case 0x43:
        case 0x44: {
            auto v = r.take(op == 0x43 ? 4 : 8);
            if (!v) return Unexpected(v.error());
            return {};
        }
        case 0xd0: {
            auto t = r.u8();
            if (!t) return Unexpected(t.error());
            if (*t != 0x70 && *t != 0x6f) return Unexpected(Error::kMalformedReferenceType);
            return {};
        }
        case 0xfc:
            return prefixed(r, module);
        default:
            if (op >= 0x28 && op <= 0x3e) return u32s(r, 2);
            if (!is_known_opcode(op)) return Unexpected(Error::kIllegalOpcode);
            return {};
    }
}

Result<void, Error> body_syntax(const Module& module, const CodeBody& body) {
    Reader r(BytesView(module.bytes).subspan(0, std::size_t{body.offset} + body.size));
    (void)r.take(body.offset);
    auto groups = r.count(2);
    if (!groups) return Unexpected(groups.error());
    std::uint64_t total = 0;
    for (std::uint32_t i = 0; i < *groups; ++i) {
        auto n = r.u32();
        if (!n) return Unexpected(n.error());
        auto t = r.u8();
        if (!t) return Unexpected(t.error());
        total += *n;
        if (total > 0xffffffffULL) return Unexpected(Error::kTooManyLocals);
        if (!is_value_type(*t)) return Unexpected(Error::kMalformedValueType);
    }
    int depth = 1;
    while (depth > 0) {
        auto op = r.u8();
        if (!op) return Unexpected(op.error());
        if (auto ok = immediates(r, *op, module, depth); !ok) return ok;
    }
    if (!r.at_end()) return Unexpected(Error::kSectionSizeMismatch);
    return {};
}

}  // namespace

bool is_known_opcode(std::uint8_t op) noexcept {
    return op <= 0x05 || (op >= 0x0b && op <= 0x11) || (op >= 0x1a && op <= 0x1c) ||
           (op >= 0x20 && op <= 0x26) || (op >= 0x28 && op <= 0xc4) || (op >= 0xd0 && op <= 0xd2) ||
           op == 0xfc;
}

Result<void, Error> check_code_syntax(const Module& module) {
    for (const auto& body : module.codes) {
        if (auto ok = body_syntax(module, body); !ok) return ok;
    }
    return {};
}

}  // namespace yunlian::wasm
