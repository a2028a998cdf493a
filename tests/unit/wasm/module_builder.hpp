#pragma once
// Assembles small binary modules for the tests, section by section (spec chapter 5).

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "common/bytes.hpp"

namespace yunlian::wasm::test {

inline void put_uleb(Bytes& out, std::uint64_t v) {
    do {
        std::uint8_t b = v & 0x7f;
        v >>= 7;
        if (v != 0) b |= 0x80;
        out.push_back(b);
    } while (v != 0);
}

inline void put_sleb(Bytes& out, std::int64_t v) {
    for (;;) {
        const auto b = static_cast<std::uint8_t>(v & 0x7f);
        v >>= 7;
        const bool done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
        out.push_back(done ? b : static_cast<std::uint8_t>(b | 0x80));
        if (done) return;
    }
}

inline void put_name(Bytes& out, const std::string& s) {
    put_uleb(out, s.size());
    out.insert(out.end(), s.begin(), s.end());
}

/// One function: type signature, locals and body (without the final end, which is added).
struct TestFunc {
    std::vector<std::uint8_t> params;
    std::vector<std::uint8_t> results;
    std::vector<std::uint8_t> locals;  // one value type per local
    Bytes body;
    std::string export_name;
};

/// A module of functions plus an optional memory, table and function imports.
struct ModuleBuilder {
    struct ImportFunc {
        std::string module;
        std::string name;
        std::vector<std::uint8_t> params;
        std::vector<std::uint8_t> results;
    };
    std::vector<ImportFunc> imports;
    std::vector<TestFunc> funcs;
    int memory_min = -1;
    int memory_max = -1;
    std::int64_t table_min = -1;
    std::int64_t table_max = -1;

    [[nodiscard]] Bytes build() const {
        Bytes out = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
        auto section = [&](std::uint8_t id, const Bytes& payload) {
            out.push_back(id);
            put_uleb(out, payload.size());
            out.insert(out.end(), payload.begin(), payload.end());
        };
        Bytes types;
        const std::size_t ntypes = imports.size() + funcs.size();
        put_uleb(types, ntypes);
        auto put_type = [&](const auto& params, const auto& results) {
            types.push_back(0x60);
            put_uleb(types, params.size());
            types.insert(types.end(), params.begin(), params.end());
            put_uleb(types, results.size());
            types.insert(types.end(), results.begin(), results.end());
        };
        for (const auto& i : imports) put_type(i.params, i.results);
        for (const auto& f : funcs) put_type(f.params, f.results);
        section(1, types);
        if (!imports.empty()) {
            Bytes imp;
            put_uleb(imp, imports.size());
            for (std::size_t i = 0; i < imports.size(); ++i) {
                put_name(imp, imports[i].module);
                put_name(imp, imports[i].name);
                imp.push_back(0x00);
                put_uleb(imp, i);
            }
            section(2, imp);
        }
        Bytes fsec;
        put_uleb(fsec, funcs.size());
        for (std::size_t i = 0; i < funcs.size(); ++i) put_uleb(fsec, imports.size() + i);
        section(3, fsec);
        if (table_min >= 0) {
            Bytes t = {0x01, 0x70};
            t.push_back(table_max >= 0 ? 0x01 : 0x00);
            put_uleb(t, static_cast<std::uint64_t>(table_min));
            if (table_max >= 0) put_uleb(t, static_cast<std::uint64_t>(table_max));
            section(4, t);
        }
        if (memory_min >= 0) {
            Bytes m = {0x01};
            m.push_back(memory_max >= 0 ? 0x01 : 0x00);
            put_uleb(m, static_cast<std::uint64_t>(memory_min));
            if (memory_max >= 0) put_uleb(m, static_cast<std::uint64_t>(memory_max));
            section(5, m);
        }
        Bytes exports;
        std::size_t nexports = 0;
        for (const auto& f : funcs)
            nexports += f.export_name.empty() ? std::size_t{0} : std::size_t{1};
        put_uleb(exports, nexports + (memory_min >= 0 ? std::size_t{1} : std::size_t{0}));
        for (std::size_t i = 0; i < funcs.size(); ++i) {
            if (funcs[i].export_name.empty()) continue;
            put_name(exports, funcs[i].export_name);
            exports.push_back(0x00);
            put_uleb(exports, imports.size() + i);
        }
        if (memory_min >= 0) {
            put_name(exports, "memory");
            exports.push_back(0x02);
            exports.push_back(0x00);
        }
        section(7, exports);
        Bytes code;
        put_uleb(code, funcs.size());
        for (const auto& f : funcs) {
            Bytes body;
            put_uleb(body, f.locals.size());
            for (auto t : f.locals) {
                body.push_back(0x01);
                body.push_back(t);
            }
            body.insert(body.end(), f.body.begin(), f.body.end());
            body.push_back(0x0b);
            put_uleb(code, body.size());
            code.insert(code.end(), body.begin(), body.end());
        }
        section(10, code);
        return out;
    }
};

constexpr std::uint8_t kI32 = 0x7f;
constexpr std::uint8_t kI64 = 0x7e;
constexpr std::uint8_t kF32 = 0x7d;
constexpr std::uint8_t kF64 = 0x7c;

}  // namespace yunlian::wasm::test
