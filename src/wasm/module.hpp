#pragma once
// The decoded form of a binary module (spec 2.5): types, imports, the index spaces and segments.
// Function bodies stay as byte ranges; the compiler validates and translates them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/bytes.hpp"

namespace yunlian::wasm {

/// Value types (spec 2.3.3 and 2.3.2), with their binary encodings.
enum class ValType : std::uint8_t {
    kI32 = 0x7f,
    kI64 = 0x7e,
    kF32 = 0x7d,
    kF64 = 0x7c,
    kFuncRef = 0x70,
    kExternRef = 0x6f,
};

/// Whether `type` is a reference type.
[[nodiscard]] constexpr bool is_ref(ValType type) noexcept {
    return type == ValType::kFuncRef || type == ValType::kExternRef;
}

/// A function type (spec 2.3.5).
struct FuncType {
    std::vector<ValType> params;
    std::vector<ValType> results;
    friend bool operator==(const FuncType&, const FuncType&) = default;
};

/// Size limits of a memory (pages) or table (elements), spec 2.3.6.
struct Limits {
    std::uint32_t min = 0;
    std::optional<std::uint32_t> max;
};

struct TableType {
    ValType elem = ValType::kFuncRef;
    Limits limits;
};

struct MemoryType {
    Limits limits;
};

struct GlobalType {
    ValType type = ValType::kI32;
    bool is_mutable = false;
};

/// The four kinds of external values (spec 2.5.10).
enum class ExternKind : std::uint8_t { kFunc = 0, kTable = 1, kMemory = 2, kGlobal = 3 };

/// A constant expression (spec 3.3.10): one constant instruction, which is what the MVP and the
/// features in scope allow.
struct ConstExpr {
    enum class Kind : std::uint8_t { kValue, kRefNull, kRefFunc, kGlobalGet };
    Kind kind = Kind::kValue;
    ValType type = ValType::kI32;
    /// The bits of a kValue; the index of kRefFunc / kGlobalGet.
    std::uint64_t value = 0;
};

struct Import {
    std::string module;
    std::string name;
    ExternKind kind = ExternKind::kFunc;
    std::uint32_t type_index = 0;  // kFunc
    TableType table;               // kTable
    MemoryType memory;             // kMemory
    GlobalType global;             // kGlobal
};

struct Export {
    std::string name;
    ExternKind kind = ExternKind::kFunc;
    std::uint32_t index = 0;
};

struct Global {
    GlobalType type;
    ConstExpr init;
};

/// Segment modes (spec 2.5.7 / 2.5.8).
enum class SegmentMode : std::uint8_t { kActive, kPassive, kDeclarative };

struct ElemSegment {
    SegmentMode mode = SegmentMode::kActive;
    std::uint32_t table = 0;
    ConstExpr offset;
    ValType type = ValType::kFuncRef;
    std::vector<ConstExpr> items;
};

struct DataSegment {
    SegmentMode mode = SegmentMode::kActive;
    std::uint32_t memory = 0;
    ConstExpr offset;
    Bytes bytes;
};

/// A function body: its byte range in the module, locals included.
struct CodeBody {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
};

/// A decoded module. The index spaces list imports first, then the module's own definitions.
struct Module {
    Bytes bytes;  // the binary, which the code bodies point into
    std::vector<FuncType> types;
    std::vector<Import> imports;
    std::vector<std::uint32_t> func_types;  // type index of every function, imported first
    std::vector<TableType> tables;
    std::vector<MemoryType> memories;
    std::vector<Global> globals;  // imported globals carry a placeholder init
    std::vector<Export> exports;
    std::optional<std::uint32_t> start;
    std::vector<ElemSegment> elems;
    std::vector<DataSegment> datas;
    std::optional<std::uint32_t> data_count;
    std::vector<CodeBody> codes;
    std::uint32_t num_imported_funcs = 0;
    std::uint32_t num_imported_tables = 0;
    std::uint32_t num_imported_memories = 0;
    std::uint32_t num_imported_globals = 0;
    /// Functions that may be named by ref.func in code (spec 3.4.10, C.refs).
    std::vector<bool> declared_refs;
};

}  // namespace yunlian::wasm
