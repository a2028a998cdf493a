#include "wasm/spectest_runner.hpp"

#include <bit>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "wasm/engine.hpp"

namespace yunlian::wasm {
namespace {

using Json = nlohmann::json;

std::optional<ValType> parse_type(const std::string& name) {
    if (name == "i32") return ValType::kI32;
    if (name == "i64") return ValType::kI64;
    if (name == "f32") return ValType::kF32;
    if (name == "f64") return ValType::kF64;
    if (name == "funcref") return ValType::kFuncRef;
    if (name == "externref") return ValType::kExternRef;
    return std::nullopt;
}

// A value in a command: numbers are decimal bit patterns; references are "null" or a host id,
// which we shift by one so that id 0 is not the null handle.
std::optional<Value> parse_value(const Json& j) {
    auto type = parse_type(j.at("type").get<std::string>());
    if (!type) return std::nullopt;
    const std::string text = j.at("value").get<std::string>();
    if (is_ref(*type)) {
        if (text == "null") return Value{*type, 0};
        return Value{*type, std::stoull(text) + 1};
    }
    return Value{*type, std::stoull(text)};
}

bool result_matches(const Json& expected, const Value& actual) {
    auto type = parse_type(expected.at("type").get<std::string>());
    if (!type || *type != actual.type) return false;
    const std::string text = expected.at("value").get<std::string>();
    if (*type == ValType::kF32 && text.starts_with("nan:")) {
        const std::uint32_t bits = actual.as_u32() & 0x7fffffffU;
        if (text == "nan:canonical") return bits == 0x7fc00000U;
        return (bits & 0x7fc00000U) == 0x7fc00000U;
    }
    if (*type == ValType::kF64 && text.starts_with("nan:")) {
        const std::uint64_t bits = actual.bits & 0x7fffffffffffffffULL;
        if (text == "nan:canonical") return bits == 0x7ff8000000000000ULL;
        return (bits & 0x7ff8000000000000ULL) == 0x7ff8000000000000ULL;
    }
    if (is_ref(*type)) {
        if (text == "null") return actual.bits == 0;
        if (*type == ValType::kFuncRef) return actual.bits != 0;
        return actual.bits == std::stoull(text) + 1;
    }
    auto value = parse_value(expected);
    return value && to_slot(*value) == to_slot(actual);
}

class SpecRunner {
  public:
    explicit SpecRunner(std::filesystem::path json_path)
        : m_path(std::move(json_path)), m_dir(m_path.parent_path()) {
        make_spectest_module();
    }

    SpecTally run() {
        std::ifstream in(m_path);
        if (!in) throw std::runtime_error("cannot read " + m_path.string());
        const Json doc = Json::parse(in);
        for (const Json& command : doc.at("commands")) {
            m_line = command.value("line", 0);
            run_command(command);
        }
        return std::move(m_tally);
    }

  private:
    void pass() { ++m_tally.passed; }
    void skip() { ++m_tally.skipped; }
    void fail(const std::string& what) {
        ++m_tally.failed;
        m_tally.failures.push_back(
            fmt::format("{}:{}: {}", m_path.filename().string(), m_line, what));
    }

    void make_spectest_module() {
        auto print = [](HostContext&, const std::uint64_t*, std::uint64_t*) -> Result<void, Trap> {
            return {};
        };
        auto add_func = [&](const std::string& name, std::vector<ValType> params) {
            Extern e;
            e.kind = ExternKind::kFunc;
            e.func = m_engine.make_host_function({std::move(params), {}}, print);
            m_spectest[name] = e;
        };
        add_func("print", {});
        add_func("print_i32", {ValType::kI32});
        add_func("print_i64", {ValType::kI64});
        add_func("print_f32", {ValType::kF32});
        add_func("print_f64", {ValType::kF64});
        add_func("print_i32_f32", {ValType::kI32, ValType::kF32});
        add_func("print_f64_f64", {ValType::kF64, ValType::kF64});
        auto add_global = [&](const std::string& name, ValType type, std::uint64_t bits) {
            Extern e;
            e.kind = ExternKind::kGlobal;
            e.global = std::make_shared<GlobalInstance>(GlobalInstance{{type, false}, bits});
            m_spectest[name] = e;
        };
        add_global("global_i32", ValType::kI32, 666);
        add_global("global_i64", ValType::kI64, 666);
        add_global("global_f32", ValType::kF32, std::bit_cast<std::uint32_t>(666.6F));
        add_global("global_f64", ValType::kF64, std::bit_cast<std::uint64_t>(666.6));
        Extern table;
        table.kind = ExternKind::kTable;
        table.table = std::make_shared<TableInstance>(TableType{ValType::kFuncRef, {10, 20}},
                                                      m_engine.limits().max_table_size);
        m_spectest["table"] = table;
        Extern memory;
        memory.kind = ExternKind::kMemory;
        memory.memory = std::make_shared<MemoryInstance>(MemoryType{{1, 2}},
                                                         m_engine.limits().max_memory_pages);
        m_spectest["memory"] = memory;
    }

    std::optional<Bytes> read_module(const Json& command) {
        const std::string name = command.at("filename").get<std::string>();
        std::ifstream in(m_dir / name, std::ios::binary);
        if (!in) return std::nullopt;
        return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }

    // Resolves the imports of `compiled` against the registry; false if one is unknown.
    bool resolve(const CompiledModule& compiled, std::vector<Extern>& out) {
        for (const auto& imp : compiled.module->imports) {
            if (imp.module == "spectest") {
                auto it = m_spectest.find(imp.name);
                if (it == m_spectest.end()) return false;
                out.push_back(it->second);
                continue;
            }
            auto reg = m_registry.find(imp.module);
            if (reg == m_registry.end()) return false;
            auto ext = reg->second->get_export(imp.name);
            if (!ext) return false;
            out.push_back(*ext);
        }
        return true;
    }

    struct Loaded {
        std::shared_ptr<Instance> instance;
        std::optional<Error> compile_error;
        std::optional<InstantiateError> instantiate_error;
        bool unknown_import = false;
    };

    Loaded load(const Bytes& bytes) {
        Loaded out;
        auto compiled = m_engine.compile(bytes, m_options);
        if (!compiled) {
            out.compile_error = compiled.error();
            return out;
        }
        std::vector<Extern> imports;
        if (!resolve(**compiled, imports)) {
            out.unknown_import = true;
            return out;
        }
        auto instance = m_engine.instantiate(*compiled, imports);
        if (!instance) {
            out.instantiate_error = instance.error();
            return out;
        }
        out.instance = *instance;
        return out;
    }

    std::shared_ptr<Instance> target(const Json& action) {
        if (action.contains("module")) {
            auto it = m_named.find(action.at("module").get<std::string>());
            return it == m_named.end() ? nullptr : it->second;
        }
        return m_current;
    }

    // Runs an action; nullopt when it could not even be attempted.
    std::optional<RunResult> perform(const Json& action) {
        auto instance = target(action);
        if (!instance) return std::nullopt;
        const std::string field = action.at("field").get<std::string>();
        const std::string kind = action.at("type").get<std::string>();
        if (kind == "get") {
            auto ext = instance->get_export(field);
            if (!ext || ext->kind != ExternKind::kGlobal) return std::nullopt;
            RunResult r;
            r.values.push_back(from_slot(ext->global->type.type, ext->global->value));
            return r;
        }
        std::vector<Value> args;
        for (const Json& a : action.at("args")) {
            auto v = parse_value(a);
            if (!v) return std::nullopt;
            args.push_back(*v);
        }
        auto ext = instance->get_export(field);
        if (!ext || ext->kind != ExternKind::kFunc) return std::nullopt;
        return instance->call(*ext->func, args);
    }

    void run_command(const Json& c) {
        const std::string type = c.at("type").get<std::string>();
        if (type == "module") {
            auto bytes = read_module(c);
            if (!bytes) return fail("module file missing");
            auto loaded = load(*bytes);
            m_current = loaded.instance;
            if (c.contains("name")) m_named[c.at("name").get<std::string>()] = loaded.instance;
            if (!loaded.instance) {
                if (loaded.compile_error)
                    return fail(
                        fmt::format("module rejected: {}", error_message(*loaded.compile_error)));
                return fail("module failed to instantiate");
            }
            return pass();
        }
        if (type == "register") {
            std::shared_ptr<Instance> instance = m_current;
            if (c.contains("name")) {
                auto it = m_named.find(c.at("name").get<std::string>());
                instance = it == m_named.end() ? nullptr : it->second;
            }
            if (instance) m_registry[c.at("as").get<std::string>()] = instance;
            return;
        }
        if (type == "action") {
            auto r = perform(c.at("action"));
            if (!r) return fail("action could not run");
            return r->ok() ? pass()
                           : fail(std::string("trapped: ") + std::string(trap_message(*r->trap)));
        }
        if (type == "assert_return") {
            auto r = perform(c.at("action"));
            if (!r) return fail("action could not run");
            if (!r->ok())
                return fail(std::string("trapped: ") + std::string(trap_message(*r->trap)));
            const Json& expected = c.at("expected");
            if (expected.size() != r->values.size()) return fail("wrong result count");
            for (std::size_t i = 0; i < expected.size(); ++i) {
                if (!result_matches(expected[i], r->values[i]))
                    return fail(fmt::format("result {} is {:#x}, expected {}", i, r->values[i].bits,
                                            expected[i].dump()));
            }
            return pass();
        }
        if (type == "assert_trap" || type == "assert_exhaustion") {
            auto r = perform(c.at("action"));
            if (!r) return fail("action could not run");
            if (r->ok()) return fail("expected a trap: " + c.value("text", ""));
            if ((type == "assert_exhaustion") != is_exhaustion(*r->trap))
                return fail(fmt::format("wrong trap: {} (expected {})", trap_message(*r->trap),
                                        c.value("text", "")));
            return pass();
        }
        if (type == "assert_invalid" || type == "assert_malformed") {
            if (c.value("module_type", "binary") != "binary") return skip();
            auto bytes = read_module(c);
            if (!bytes) return fail("module file missing");
            auto compiled = m_engine.compile(*bytes, m_options);
            if (compiled) return fail("module accepted: expected " + c.value("text", ""));
            const ErrorClass want =
                type == "assert_invalid" ? ErrorClass::kInvalid : ErrorClass::kMalformed;
            if (error_class(compiled.error()) != want)
                return fail(fmt::format("wrong class: {} (expected {})",
                                        error_message(compiled.error()), c.value("text", "")));
            return pass();
        }
        if (type == "assert_unlinkable" || type == "assert_uninstantiable") {
            auto bytes = read_module(c);
            if (!bytes) return fail("module file missing");
            auto loaded = load(*bytes);
            if (loaded.compile_error)
                return fail(
                    fmt::format("module rejected: {}", error_message(*loaded.compile_error)));
            const bool link_failed = loaded.unknown_import || (loaded.instantiate_error &&
                                                               loaded.instantiate_error->kind ==
                                                                   InstantiateError::Kind::kLink);
            const bool init_trapped = loaded.instantiate_error && loaded.instantiate_error->kind ==
                                                                      InstantiateError::Kind::kTrap;
            if (type == "assert_unlinkable" ? link_failed : init_trapped) return pass();
            return fail("module instantiated: expected " + c.value("text", ""));
        }
        skip();
    }

    std::filesystem::path m_path;
    std::filesystem::path m_dir;
    Engine m_engine;
    CompileOptions m_options;
    std::map<std::string, Extern> m_spectest;
    std::map<std::string, std::shared_ptr<Instance>> m_registry;
    std::map<std::string, std::shared_ptr<Instance>> m_named;
    std::shared_ptr<Instance> m_current;
    SpecTally m_tally;
    int m_line = 0;
};

}  // namespace

void SpecTally::add(const SpecTally& other) {
    passed += other.passed;
    failed += other.failed;
    skipped += other.skipped;
    failures.insert(failures.end(), other.failures.begin(), other.failures.end());
}

SpecTally run_spec_file(const std::filesystem::path& json_path) {
    return SpecRunner(json_path).run();
}

}  // namespace yunlian::wasm
