#include "wasm/error.hpp"

namespace yunlian::wasm {

std::string_view error_message(Error error) noexcept {
    switch (error) {
        case Error::kUnexpectedEnd:
            return "unexpected end";
        case Error::kIntegerTooLong:
            return "integer representation too long";
        case Error::kIntegerTooLarge:
            return "integer too large";
        case Error::kBadMagic:
            return "magic header not detected";
        case Error::kBadVersion:
            return "unknown binary version";
        case Error::kMalformedSectionId:
            return "malformed section id";
        case Error::kSectionSizeMismatch:
            return "section size mismatch";
        case Error::kSectionOutOfOrder:
            return "unexpected content after last section";
        case Error::kJunkAfterLastSection:
            return "unexpected content after last section";
        case Error::kTooManyLocals:
            return "too many locals";
        case Error::kMalformedUtf8:
            return "malformed UTF-8 encoding";
        case Error::kFunctionCodeMismatch:
            return "function and code section have inconsistent lengths";
        case Error::kDataCountMismatch:
            return "data count and data section have inconsistent lengths";
        case Error::kDataCountRequired:
            return "data count section required";
        case Error::kIllegalOpcode:
            return "illegal opcode";
        case Error::kMalformedValueType:
            return "malformed value type";
        case Error::kMalformedReferenceType:
            return "malformed reference type";
        case Error::kZeroByteExpected:
            return "zero byte expected";
        case Error::kMalformedMutability:
            return "malformed mutability";
        case Error::kMalformedLimits:
            return "integer too large";
        case Error::kMalformedImportKind:
            return "malformed import kind";
        case Error::kMalformedExportKind:
            return "malformed export kind";
        case Error::kMalformedElemKind:
            return "malformed element kind";
        case Error::kMalformedSegmentFlags:
            return "malformed segment flags";
        case Error::kEndExpected:
            return "END opcode expected";
        case Error::kModuleTooLarge:
            return "module exceeds the engine's size limits";
        case Error::kTypeMismatch:
            return "type mismatch";
        case Error::kUnknownType:
            return "unknown type";
        case Error::kUnknownFunction:
            return "unknown function";
        case Error::kUnknownTable:
            return "unknown table";
        case Error::kUnknownMemory:
            return "unknown memory";
        case Error::kUnknownGlobal:
            return "unknown global";
        case Error::kUnknownLocal:
            return "unknown local";
        case Error::kUnknownLabel:
            return "unknown label";
        case Error::kUnknownElemSegment:
            return "unknown elem segment";
        case Error::kUnknownDataSegment:
            return "unknown data segment";
        case Error::kImmutableGlobal:
            return "global is immutable";
        case Error::kAlignmentTooLarge:
            return "alignment must not be larger than natural";
        case Error::kMultipleMemories:
            return "multiple memories";
        case Error::kLimitsMinAboveMax:
            return "size minimum must not be greater than maximum";
        case Error::kMemoryTooLarge:
            return "memory size must be at most 65536 pages (4GiB)";
        case Error::kTableTooLarge:
            return "table size must be at most 2^32-1";
        case Error::kDuplicateExport:
            return "duplicate export name";
        case Error::kStartFunctionType:
            return "start function";
        case Error::kConstantExpressionRequired:
            return "constant expression required";
        case Error::kUndeclaredFunctionReference:
            return "undeclared function reference";
        case Error::kFloatInContract:
            return "float instruction not allowed in contract profile";
        case Error::kFunctionTooComplex:
            return "function exceeds the engine's size limits";
    }
    return "unknown error";
}

std::string_view link_error_message(LinkError error) noexcept {
    switch (error) {
        case LinkError::kUnknownImport:
            return "unknown import";
        case LinkError::kIncompatibleImportType:
            return "incompatible import type";
        case LinkError::kLimitExceeded:
            return "instance exceeds the engine's limits";
    }
    return "unknown link error";
}

std::string_view trap_message(Trap trap) noexcept {
    switch (trap) {
        case Trap::kUnreachable:
            return "unreachable";
        case Trap::kMemoryOutOfBounds:
            return "out of bounds memory access";
        case Trap::kIntegerDivideByZero:
            return "integer divide by zero";
        case Trap::kIntegerOverflow:
            return "integer overflow";
        case Trap::kInvalidConversion:
            return "invalid conversion to integer";
        case Trap::kIndirectCallTypeMismatch:
            return "indirect call type mismatch";
        case Trap::kUndefinedElement:
            return "undefined element";
        case Trap::kUninitializedElement:
            return "uninitialized element";
        case Trap::kTableOutOfBounds:
            return "out of bounds table access";
        case Trap::kCallStackExhausted:
            return "call stack exhausted";
        case Trap::kValueStackExhausted:
            return "value stack exhausted";
        case Trap::kOutOfFuel:
            return "out of fuel";
        case Trap::kHostError:
            return "host function failed";
        case Trap::kExit:
            return "exit";
    }
    return "unknown trap";
}

}  // namespace yunlian::wasm
