#pragma once
// The ways a module can be refused or a run can stop. Each enumerator names the rule it enforces;
// the classes (malformed, invalid, unlinkable, trap) are those of the WebAssembly spec's test
// suite.

#include <cstdint>
#include <string_view>

namespace yunlian::wasm {

/// Why a module was refused by the decoder (malformed, spec section 5) or validator (invalid, 3).
enum class Error : std::uint8_t {
    // Malformed: the bytes are not a binary module (spec 5.x).
    kUnexpectedEnd,
    kIntegerTooLong,
    kIntegerTooLarge,
    kBadMagic,
    kBadVersion,
    kMalformedSectionId,
    kSectionSizeMismatch,
    kSectionOutOfOrder,
    kJunkAfterLastSection,
    kTooManyLocals,
    kMalformedUtf8,
    kFunctionCodeMismatch,
    kDataCountMismatch,
    kDataCountRequired,
    kIllegalOpcode,
    kMalformedValueType,
    kMalformedReferenceType,
    kZeroByteExpected,
    kMalformedMutability,
    kMalformedLimits,
    kMalformedImportKind,
    kMalformedExportKind,
    kMalformedElemKind,
    kMalformedSegmentFlags,
    kEndExpected,
    kModuleTooLarge,
    // Invalid: well formed but breaks a validation rule (spec 3.x).
    kTypeMismatch,
    kUnknownType,
    kUnknownFunction,
    kUnknownTable,
    kUnknownMemory,
    kUnknownGlobal,
    kUnknownLocal,
    kUnknownLabel,
    kUnknownElemSegment,
    kUnknownDataSegment,
    kImmutableGlobal,
    kAlignmentTooLarge,
    kMultipleMemories,
    kLimitsMinAboveMax,
    kMemoryTooLarge,
    kTableTooLarge,
    kDuplicateExport,
    kStartFunctionType,
    kConstantExpressionRequired,
    kUndeclaredFunctionReference,
    kFloatInContract,
    kFunctionTooComplex,
};

/// The spec's classes of refusal.
enum class ErrorClass : std::uint8_t { kMalformed, kInvalid };

/// Whether `error` means "not a module" (malformed) or "a module that breaks a rule" (invalid).
[[nodiscard]] constexpr ErrorClass error_class(Error error) noexcept {
    return error < Error::kTypeMismatch ? ErrorClass::kMalformed : ErrorClass::kInvalid;
}

/// The spec's wording for `error`.
[[nodiscard]] std::string_view error_message(Error error) noexcept;

/// Why an import could not be bound (the spec's "unlinkable" class, section 4.5.4).
enum class LinkError : std::uint8_t {
    kUnknownImport,
    kIncompatibleImportType,
    kLimitExceeded,
};

/// The spec's wording for `error`.
[[nodiscard]] std::string_view link_error_message(LinkError error) noexcept;

/// Why execution stopped before its end (spec 4.4 traps, plus the embedder's limits).
enum class Trap : std::uint8_t {
    kUnreachable,
    kMemoryOutOfBounds,
    kIntegerDivideByZero,
    kIntegerOverflow,
    kInvalidConversion,
    kIndirectCallTypeMismatch,
    kUndefinedElement,
    kUninitializedElement,
    kTableOutOfBounds,
    kCallStackExhausted,
    kValueStackExhausted,
    kOutOfFuel,
    kHostError,
    kExit,
};

/// The spec's wording for `trap`.
[[nodiscard]] std::string_view trap_message(Trap trap) noexcept;

/// Whether `trap` is a resource limit (the spec's assert_exhaustion) rather than a program trap.
[[nodiscard]] constexpr bool is_exhaustion(Trap trap) noexcept {
    return trap == Trap::kCallStackExhausted || trap == Trap::kValueStackExhausted;
}

}  // namespace yunlian::wasm
