#include "wasm/decoder.hpp"

#include <algorithm>
#include <set>
#include <string_view>

#include "wasm/reader.hpp"
#include "wasm/syntax.hpp"

namespace yunlian::wasm {
namespace {

constexpr std::uint32_t kMaxPages = 65536;  // spec 3.2.5: a memory is at most 4 GiB
constexpr std::uint8_t kEnd = 0x0b;

// The order of the non-custom sections (spec 5.5.2); the data count section sits before code.
int section_rank(std::uint8_t id) noexcept {
    switch (id) {
        case 1:
            return 1;
        case 2:
            return 2;
        case 3:
            return 3;
        case 4:
            return 4;
        case 5:
            return 5;
        case 6:
            return 6;
        case 7:
            return 7;
        case 8:
            return 8;
        case 9:
            return 9;
        case 12:
            return 10;
        case 10:
            return 11;
        case 11:
            return 12;
        default:
            return -1;
    }
}

class Decoder {
  public:
    explicit Decoder(BytesView bytes) : m_reader(bytes) { m_module.bytes = to_bytes(bytes); }

    Result<Module, Error> run() {
        if (auto r = header(); !r) return Unexpected(r.error());
        int last_rank = 0;
        std::uint32_t func_count = 0;
        bool have_funcs = false;
        bool have_code = false;
        while (!m_reader.at_end()) {
            auto id = m_reader.u8();
            if (!id) return Unexpected(id.error());
            auto size = m_reader.u32();
            if (!size) return Unexpected(size.error());
            if (*size > m_reader.remaining()) return Unexpected(Error::kUnexpectedEnd);
            const std::size_t end = m_reader.pos() + *size;
            Reader section(m_reader.bytes().subspan(0, end));
            skip_to(section, m_reader.pos());
            if (*id != 0) {
                const int rank = section_rank(*id);
                if (rank < 0) return Unexpected(Error::kMalformedSectionId);
                if (rank <= last_rank) return Unexpected(Error::kJunkAfterLastSection);
                last_rank = rank;
            }
            Result<void, Error> r;
            switch (*id) {
                case 0:
                    r = custom(section);
                    break;
                case 1:
                    r = types(section);
                    break;
                case 2:
                    r = imports(section);
                    break;
                case 3:
                    r = functions(section, func_count);
                    have_funcs = true;
                    break;
                case 4:
                    r = tables(section);
                    break;
                case 5:
                    r = memories(section);
                    break;
                case 6:
                    r = globals(section);
                    break;
                case 7:
                    r = exports(section);
                    break;
                case 8:
                    r = start(section);
                    break;
                case 9:
                    r = elems(section);
                    break;
                case 12:
                    r = data_count(section);
                    break;
                case 10:
                    r = codes(section);
                    have_code = true;
                    break;
                case 11:
                    r = datas(section);
                    break;
                default:
                    return Unexpected(Error::kMalformedSectionId);
            }
            if (!r) return Unexpected(r.error());
            if (section.pos() != end) return Unexpected(Error::kSectionSizeMismatch);
            skip_to(m_reader, end);
        }
        const auto declared = have_funcs ? func_count : 0;
        const auto bodies = have_code ? static_cast<std::uint32_t>(m_module.codes.size()) : 0;
        if (declared != bodies) return Unexpected(Error::kFunctionCodeMismatch);
        if (m_module.data_count && *m_module.data_count != m_module.datas.size())
            return Unexpected(Error::kDataCountMismatch);
        if (auto syntax = check_code_syntax(m_module); !syntax) return Unexpected(syntax.error());
        if (m_deferred) return Unexpected(*m_deferred);
        if (auto r = validate_module(); !r) return Unexpected(r.error());
        return std::move(m_module);
    }

  private:
    static void skip_to(Reader& reader, std::size_t pos) {
        // Only ever moves forward within bounds already checked by the caller.
        (void)reader.take(pos - reader.pos());
    }

    void defer(Error error) {
        if (!m_deferred) m_deferred = error;
    }

    Result<void, Error> header() {
        auto magic = m_reader.take(4);
        if (!magic) return Unexpected(Error::kBadMagic);
        static constexpr std::uint8_t kMagic[4] = {0x00, 0x61, 0x73, 0x6d};
        if (!std::equal(magic->begin(), magic->end(), kMagic)) return Unexpected(Error::kBadMagic);
        auto version = m_reader.take(4);
        if (!version) return Unexpected(Error::kBadVersion);
        static constexpr std::uint8_t kVersion[4] = {0x01, 0x00, 0x00, 0x00};
        if (!std::equal(version->begin(), version->end(), kVersion))
            return Unexpected(Error::kBadVersion);
        return {};
    }

    static Result<ValType, Error> val_type(Reader& r) {
        auto b = r.u8();
        if (!b) return Unexpected(b.error());
        switch (*b) {
            case 0x7f:
            case 0x7e:
            case 0x7d:
            case 0x7c:
            case 0x70:
            case 0x6f:
                return static_cast<ValType>(*b);
            default:
                return Unexpected(Error::kMalformedValueType);
        }
    }

    static Result<ValType, Error> ref_type(Reader& r) {
        auto b = r.u8();
        if (!b) return Unexpected(b.error());
        if (*b == 0x70 || *b == 0x6f) return static_cast<ValType>(*b);
        return Unexpected(Error::kMalformedReferenceType);
    }

    Result<Limits, Error> limits(Reader& r) {
        auto flags = r.u8();
        if (!flags) return Unexpected(flags.error());
        if (*flags > 1) return Unexpected(Error::kMalformedLimits);
        Limits out;
        auto min = r.u32();
        if (!min) return Unexpected(min.error());
        out.min = *min;
        if (*flags == 1) {
            auto max = r.u32();
            if (!max) return Unexpected(max.error());
            out.max = *max;
            if (*max < *min) defer(Error::kLimitsMinAboveMax);
        }
        return out;
    }

    Result<TableType, Error> table_type(Reader& r) {
        TableType out;
        auto t = ref_type(r);
        if (!t) return Unexpected(t.error());
        out.elem = *t;
        auto l = limits(r);
        if (!l) return Unexpected(l.error());
        out.limits = *l;
        return out;
    }

    Result<MemoryType, Error> memory_type(Reader& r) {
        auto l = limits(r);
        if (!l) return Unexpected(l.error());
        if (l->min > kMaxPages || (l->max && *l->max > kMaxPages)) defer(Error::kMemoryTooLarge);
        return MemoryType{*l};
    }

    Result<GlobalType, Error> global_type(Reader& r) {
        auto t = val_type(r);
        if (!t) return Unexpected(t.error());
        auto m = r.u8();
        if (!m) return Unexpected(m.error());
        if (*m > 1) return Unexpected(Error::kMalformedMutability);
        return GlobalType{*t, *m == 1};
    }

    // A constant expression of type `expected` (spec 3.3.10). Validation failures are deferred so
    // that a later malformation still wins.
    Result<ConstExpr, Error> const_expr(Reader& r, ValType expected) {
        ConstExpr out;
        int depth = 0;
        bool typed_ok = true;
        for (;;) {
            auto op = r.u8();
            if (!op) return Unexpected(op.error());
            if (*op == kEnd) break;
            ++depth;
            switch (*op) {
                case 0x41: {
                    auto v = r.sleb(32);
                    if (!v) return Unexpected(v.error());
                    out = {ConstExpr::Kind::kValue, ValType::kI32,
                           static_cast<std::uint32_t>(static_cast<std::int32_t>(*v))};
                    break;
                }
                case 0x42: {
                    auto v = r.sleb(64);
                    if (!v) return Unexpected(v.error());
                    out = {ConstExpr::Kind::kValue, ValType::kI64, static_cast<std::uint64_t>(*v)};
                    break;
                }
                case 0x43: {
                    auto v = r.take(4);
                    if (!v) return Unexpected(v.error());
                    std::uint32_t bits = 0;
                    std::memcpy(&bits, v->data(), 4);
                    out = {ConstExpr::Kind::kValue, ValType::kF32, bits};
                    break;
                }
                case 0x44: {
                    auto v = r.take(8);
                    if (!v) return Unexpected(v.error());
                    std::uint64_t bits = 0;
                    std::memcpy(&bits, v->data(), 8);
                    out = {ConstExpr::Kind::kValue, ValType::kF64, bits};
                    break;
                }
                case 0xd0: {
                    auto t = ref_type(r);
                    if (!t) return Unexpected(t.error());
                    out = {ConstExpr::Kind::kRefNull, *t, 0};
                    break;
                }
                case 0xd2: {
                    auto idx = r.u32();
                    if (!idx) return Unexpected(idx.error());
                    out = {ConstExpr::Kind::kRefFunc, ValType::kFuncRef, *idx};
                    if (*idx >= m_module.func_types.size()) defer(Error::kUnknownFunction);
                    break;
                }
                case 0x23: {
                    auto idx = r.u32();
                    if (!idx) return Unexpected(idx.error());
                    // Only imported globals exist while constant expressions run (spec 3.4.10).
                    if (*idx >= m_module.num_imported_globals || *idx >= m_module.globals.size()) {
                        defer(Error::kUnknownGlobal);
                        out = {ConstExpr::Kind::kGlobalGet, expected, *idx};
                    } else {
                        const auto& g = m_module.globals[*idx].type;
                        if (g.is_mutable) defer(Error::kConstantExpressionRequired);
                        out = {ConstExpr::Kind::kGlobalGet, g.type, *idx};
                    }
                    break;
                }
                default:
                    return Unexpected(is_known_opcode(*op) ? Error::kConstantExpressionRequired
                                                           : Error::kIllegalOpcode);
            }
        }
        if (depth != 1) typed_ok = false;
        if (depth == 1 && out.type != expected) typed_ok = false;
        if (!typed_ok) defer(Error::kTypeMismatch);
        return out;
    }

    Result<void, Error> custom(Reader& r) {
        auto name = r.name();
        if (!name) return Unexpected(name.error());
        (void)r.take(r.remaining());
        return {};
    }

    Result<void, Error> types(Reader& r) {
        auto n = r.count(3);
        if (!n) return Unexpected(n.error());
        m_module.types.reserve(*n);
        for (std::uint32_t i = 0; i < *n; ++i) {
            auto form = r.u8();
            if (!form) return Unexpected(form.error());
            if (*form != 0x60) return Unexpected(Error::kMalformedValueType);
            FuncType type;
            for (auto* list : {&type.params, &type.results}) {
                auto count = r.count();
                if (!count) return Unexpected(count.error());
                list->reserve(*count);
                for (std::uint32_t k = 0; k < *count; ++k) {
                    auto t = val_type(r);
                    if (!t) return Unexpected(t.error());
                    list->push_back(*t);
                }
            }
            m_module.types.push_back(std::move(type));
        }
        return {};
    }

    Result<void, Error> imports(Reader& r) {
        auto n = r.count(4);
        if (!n) return Unexpected(n.error());
        for (std::uint32_t i = 0; i < *n; ++i) {
            Import imp;
            auto module = r.name();
            if (!module) return Unexpected(module.error());
            auto name = r.name();
            if (!name) return Unexpected(name.error());
            imp.module = std::move(*module);
            imp.name = std::move(*name);
            auto kind = r.u8();
            if (!kind) return Unexpected(kind.error());
            switch (*kind) {
                case 0: {
                    auto idx = r.u32();
                    if (!idx) return Unexpected(idx.error());
                    imp.kind = ExternKind::kFunc;
                    imp.type_index = *idx;
                    if (*idx >= m_module.types.size()) defer(Error::kUnknownType);
                    m_module.func_types.push_back(*idx);
                    ++m_module.num_imported_funcs;
                    break;
                }
                case 1: {
                    auto t = table_type(r);
                    if (!t) return Unexpected(t.error());
                    imp.kind = ExternKind::kTable;
                    imp.table = *t;
                    m_module.tables.push_back(*t);
                    ++m_module.num_imported_tables;
                    break;
                }
                case 2: {
                    auto t = memory_type(r);
                    if (!t) return Unexpected(t.error());
                    imp.kind = ExternKind::kMemory;
                    imp.memory = *t;
                    m_module.memories.push_back(*t);
                    ++m_module.num_imported_memories;
                    break;
                }
                case 3: {
                    auto t = global_type(r);
                    if (!t) return Unexpected(t.error());
                    imp.kind = ExternKind::kGlobal;
                    imp.global = *t;
                    m_module.globals.push_back({*t, {}});
                    ++m_module.num_imported_globals;
                    break;
                }
                default:
                    return Unexpected(Error::kMalformedImportKind);
            }
            m_module.imports.push_back(std::move(imp));
        }
        return {};
    }

    Result<void, Error> functions(Reader& r, std::uint32_t& count) {
        auto n = r.count();
        if (!n) return Unexpected(n.error());
        count = *n;
        for (std::uint32_t i = 0; i < *n; ++i) {
            auto idx = r.u32();
            if (!idx) return Unexpected(idx.error());
            if (*idx >= m_module.types.size()) defer(Error::kUnknownType);
            m_module.func_types.push_back(*idx);
        }
        return {};
    }

    Result<void, Error> tables(Reader& r) {
        auto n = r.count(3);
        if (!n) return Unexpected(n.error());
        for (std::uint32_t i = 0; i < *n; ++i) {
            auto t = table_type(r);
            if (!t) return Unexpected(t.error());
            m_module.tables.push_back(*t);
        }
        return {};
    }

    Result<void, Error> memories(Reader& r) {
        auto n = r.count(2);
        if (!n) return Unexpected(n.error());
        for (std::uint32_t i = 0; i < *n; ++i) {
            auto t = memory_type(r);
            if (!t) return Unexpected(t.error());
            m_module.memories.push_back(*t);
        }
        return {};
    }

    Result<void, Error> globals(Reader& r) {
        auto n = r.count(3);
        if (!n) return Unexpected(n.error());
        for (std::uint32_t i = 0; i < *n; ++i) {
            auto t = global_type(r);
            if (!t) return Unexpected(t.error());
            auto init = const_expr(r, t->type);
            if (!init) return Unexpected(init.error());
            m_module.globals.push_back({*t, *init});
        }
        return {};
    }

    Result<void, Error> exports(Reader& r) {
        auto n = r.count(2);
        if (!n) return Unexpected(n.error());
        for (std::uint32_t i = 0; i < *n; ++i) {
            Export e;
            auto name = r.name();
            if (!name) return Unexpected(name.error());
            e.name = std::move(*name);
            auto kind = r.u8();
            if (!kind) return Unexpected(kind.error());
            if (*kind > 3) return Unexpected(Error::kMalformedExportKind);
            e.kind = static_cast<ExternKind>(*kind);
            auto idx = r.u32();
            if (!idx) return Unexpected(idx.error());
            e.index = *idx;
            m_module.exports.push_back(std::move(e));
        }
        return {};
    }

    Result<void, Error> start(Reader& r) {
        auto idx = r.u32();
        if (!idx) return Unexpected(idx.error());
        m_module.start = *idx;
        return {};
    }

    Result<void, Error> elem_kind(Reader& r) {
        auto kind = r.u8();
        if (!kind) return Unexpected(kind.error());
        if (*kind != 0) return Unexpected(Error::kMalformedElemKind);
        return {};
    }

    Result<void, Error> elems(Reader& r) {
        auto n = r.count();
        if (!n) return Unexpected(n.error());
        for (std::uint32_t i = 0; i < *n; ++i) {
            auto flags = r.u32();
            if (!flags) return Unexpected(flags.error());
            if (*flags > 7) return Unexpected(Error::kMalformedSegmentFlags);
            ElemSegment seg;
            const bool passive_or_declared = (*flags & 1U) != 0;
            const bool explicit_table = (*flags & 2U) != 0;
            const bool uses_exprs = (*flags & 4U) != 0;
            if (passive_or_declared) {
                seg.mode = explicit_table ? SegmentMode::kDeclarative : SegmentMode::kPassive;
            } else {
                if (explicit_table) {
                    auto t = r.u32();
                    if (!t) return Unexpected(t.error());
                    seg.table = *t;
                }
                auto offset = const_expr(r, ValType::kI32);
                if (!offset) return Unexpected(offset.error());
                seg.offset = *offset;
            }
            if (passive_or_declared || explicit_table) {
                if (uses_exprs) {
                    auto t = ref_type(r);
                    if (!t) return Unexpected(t.error());
                    seg.type = *t;
                } else if (auto k = elem_kind(r); !k) {
                    return Unexpected(k.error());
                }
            }
            auto count = r.count();
            if (!count) return Unexpected(count.error());
            seg.items.reserve(*count);
            for (std::uint32_t k = 0; k < *count; ++k) {
                if (uses_exprs) {
                    auto e = const_expr(r, seg.type);
                    if (!e) return Unexpected(e.error());
                    seg.items.push_back(*e);
                } else {
                    auto idx = r.u32();
                    if (!idx) return Unexpected(idx.error());
                    if (*idx >= m_module.func_types.size()) defer(Error::kUnknownFunction);
                    seg.items.push_back({ConstExpr::Kind::kRefFunc, ValType::kFuncRef, *idx});
                }
            }
            m_module.elems.push_back(std::move(seg));
        }
        return {};
    }

    Result<void, Error> data_count(Reader& r) {
        auto n = r.u32();
        if (!n) return Unexpected(n.error());
        m_module.data_count = *n;
        return {};
    }

    Result<void, Error> codes(Reader& r) {
        auto n = r.count();
        if (!n) return Unexpected(n.error());
        m_module.codes.reserve(*n);
        for (std::uint32_t i = 0; i < *n; ++i) {
            auto size = r.u32();
            if (!size) return Unexpected(size.error());
            const auto offset = static_cast<std::uint32_t>(r.pos());
            auto body = r.take(*size);
            if (!body) return Unexpected(body.error());
            m_module.codes.push_back({offset, *size});
        }
        return {};
    }

    Result<void, Error> datas(Reader& r) {
        auto n = r.count();
        if (!n) return Unexpected(n.error());
        for (std::uint32_t i = 0; i < *n; ++i) {
            auto flags = r.u32();
            if (!flags) return Unexpected(flags.error());
            DataSegment seg;
            if (*flags > 2) return Unexpected(Error::kMalformedSegmentFlags);
            if (*flags == 1) {
                seg.mode = SegmentMode::kPassive;
            } else {
                if (*flags == 2) {
                    auto m = r.u32();
                    if (!m) return Unexpected(m.error());
                    seg.memory = *m;
                }
                auto offset = const_expr(r, ValType::kI32);
                if (!offset) return Unexpected(offset.error());
                seg.offset = *offset;
            }
            auto len = r.u32();
            if (!len) return Unexpected(len.error());
            auto bytes = r.take(*len);
            if (!bytes) return Unexpected(bytes.error());
            seg.bytes = to_bytes(*bytes);
            m_module.datas.push_back(std::move(seg));
        }
        return {};
    }

    // Module-level validation (spec 3.4.10), after the whole binary decoded.
    Result<void, Error> validate_module() {
        Module& m = m_module;
        const auto num_funcs = m.func_types.size();
        if (m.memories.size() > 1) return Unexpected(Error::kMultipleMemories);
        m.declared_refs.assign(num_funcs, false);
        auto declare = [&](const ConstExpr& e) {
            if (e.kind == ConstExpr::Kind::kRefFunc && e.value < num_funcs)
                m.declared_refs[e.value] = true;
        };
        for (const auto& g : m.globals) declare(g.init);
        for (const auto& seg : m.elems) {
            if (seg.mode == SegmentMode::kActive) {
                if (seg.table >= m.tables.size()) return Unexpected(Error::kUnknownTable);
                if (m.tables[seg.table].elem != seg.type) return Unexpected(Error::kTypeMismatch);
            }
            for (const auto& item : seg.items) declare(item);
        }
        for (const auto& seg : m.datas) {
            if (seg.mode == SegmentMode::kActive && seg.memory >= m.memories.size())
                return Unexpected(Error::kUnknownMemory);
        }
        std::set<std::string_view> names;
        for (const auto& e : m.exports) {
            std::size_t limit = 0;
            switch (e.kind) {
                case ExternKind::kFunc:
                    limit = num_funcs;
                    break;
                case ExternKind::kTable:
                    limit = m.tables.size();
                    break;
                case ExternKind::kMemory:
                    limit = m.memories.size();
                    break;
                case ExternKind::kGlobal:
                    limit = m.globals.size();
                    break;
            }
            if (e.index >= limit) {
                switch (e.kind) {
                    case ExternKind::kFunc:
                        return Unexpected(Error::kUnknownFunction);
                    case ExternKind::kTable:
                        return Unexpected(Error::kUnknownTable);
                    case ExternKind::kMemory:
                        return Unexpected(Error::kUnknownMemory);
                    case ExternKind::kGlobal:
                        return Unexpected(Error::kUnknownGlobal);
                }
            }
            if (e.kind == ExternKind::kFunc) m.declared_refs[e.index] = true;
            if (!names.insert(e.name).second) return Unexpected(Error::kDuplicateExport);
        }
        if (m.start) {
            if (*m.start >= num_funcs) return Unexpected(Error::kUnknownFunction);
            const auto& type = m.types[m.func_types[*m.start]];
            if (!type.params.empty() || !type.results.empty())
                return Unexpected(Error::kStartFunctionType);
        }
        return {};
    }

    Reader m_reader;
    Module m_module;
    std::optional<Error> m_deferred;
};

}  // namespace

Result<Module, Error> decode_module(BytesView bytes) { return Decoder(bytes).run(); }

}  // namespace yunlian::wasm
