#include "rpc/dispatcher.hpp"

#include <exception>
#include <mutex>
#include <utility>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "rpc/error.hpp"

namespace yunlian::rpc {

namespace json = boost::json;

namespace {

constexpr std::string_view kVersion = "2.0";

/// JSON-RPC 2.0 section 4: an id is a string, a number, or null.
bool is_valid_id(const json::value& id) { return id.is_string() || id.is_number() || id.is_null(); }

/// What a request object turned out to be (geth's isCall / isNotification / hasValidID).
struct CallShape {
    const json::value* id = nullptr;  ///< the id when present and well-typed
    const json::string* method = nullptr;
    bool valid_version = false;
    bool id_present = false;
};

CallShape shape_of(const json::object& call) {
    CallShape shape;
    if (const auto* version = call.if_contains("jsonrpc")) {
        shape.valid_version = version->is_string() && version->get_string() == kVersion;
    }
    if (const auto* id = call.if_contains("id")) {
        shape.id_present = true;
        if (is_valid_id(*id)) shape.id = id;
    }
    if (const auto* method = call.if_contains("method")) {
        if (method->is_string() && !method->get_string().empty()) {
            shape.method = &method->get_string();
        }
    }
    return shape;
}

const json::value& null_id() {
    static const json::value kNull;
    return kNull;
}

}  // namespace

json::value make_result_response(const json::value& id, json::value result) {
    json::object out;
    out.reserve(3);
    out.emplace("jsonrpc", kVersion);
    out.emplace("id", id);
    out.emplace("result", std::move(result));
    return out;
}

json::value make_error_response(const json::value& id, int code, std::string_view message,
                                const json::value* data) {
    json::object error;
    error.emplace("code", code);
    error.emplace("message", message);
    if (data != nullptr) error.emplace("data", *data);
    json::object out;
    out.reserve(3);
    out.emplace("jsonrpc", kVersion);
    out.emplace("id", id);
    out.emplace("error", std::move(error));
    return out;
}

void Dispatcher::register_method(std::string name, Handler handler) {
    register_method(std::move(name),
                    ContextHandler([handler = std::move(handler)](const json::value& params,
                                                                  const CallContext&) {
                        return handler(params);
                    }));
}

void Dispatcher::register_method(std::string name, ContextHandler handler) {
    auto shared = std::make_shared<const ContextHandler>(std::move(handler));
    const std::unique_lock lock(m_mutex);
    m_methods.insert_or_assign(std::move(name), std::move(shared));
}

bool Dispatcher::has_method(std::string_view name) const {
    const std::shared_lock lock(m_mutex);
    return m_methods.find(name) != m_methods.end();
}

std::vector<std::string> Dispatcher::method_names() const {
    const std::shared_lock lock(m_mutex);
    std::vector<std::string> names;
    names.reserve(m_methods.size());
    for (const auto& entry : m_methods) names.push_back(entry.first);
    return names;
}

json::value Dispatcher::invoke(const std::string& method, const json::value& params,
                               const CallContext& ctx) const {
    std::shared_ptr<const ContextHandler> handler;
    {
        const std::shared_lock lock(m_mutex);
        const auto it = m_methods.find(method);
        if (it == m_methods.end()) throw method_not_found(method);
        handler = it->second;
    }
    return (*handler)(params, ctx);
}

std::optional<json::value> Dispatcher::handle_call(const json::value& call,
                                                   const CallContext& ctx) const {
    if (!call.is_object()) {
        return make_error_response(null_id(), kInvalidRequest, "invalid request");
    }
    const CallShape shape = shape_of(call.get_object());
    const bool is_notification = shape.valid_version && !shape.id_present && shape.method;
    const bool is_call = shape.valid_version && shape.id && shape.method;
    if (!is_notification && !is_call) {
        // geth answers with the request's id when it has a usable one, else with null.
        return make_error_response(shape.id ? *shape.id : null_id(), kInvalidRequest,
                                   "invalid request");
    }
    const json::value& id = shape.id ? *shape.id : null_id();

    static const json::value kNoParams = json::array();
    const json::value* params = call.get_object().if_contains("params");
    if (params == nullptr || params->is_null()) params = &kNoParams;

    try {
        if (!params->is_array() && !params->is_object()) throw invalid_params("non-array args");
        json::value result = invoke(std::string(*shape.method), *params, ctx);
        if (is_notification) return std::nullopt;
        return make_result_response(id, std::move(result));
    } catch (const RpcError& e) {
        if (is_notification) return std::nullopt;
        const auto& data = e.data();
        return make_error_response(id, e.code(), e.what(), data ? &*data : nullptr);
    } catch (const std::exception& e) {
        spdlog::warn("rpc: method {} crashed: {}", std::string_view(*shape.method), e.what());
    } catch (...) {
        spdlog::warn("rpc: method {} crashed", std::string_view(*shape.method));
    }
    if (is_notification) return std::nullopt;
    return make_error_response(id, kInternalError, "method handler crashed");
}

std::optional<std::string> Dispatcher::handle_batch(const json::array& batch,
                                                    const CallContext& ctx) const {
    if (batch.empty()) {
        return json::serialize(make_error_response(null_id(), kInvalidRequest, "empty batch"));
    }
    if (batch.size() > m_limits.batch_calls) {
        // geth answers with one error, carrying the id of the batch's first call.
        const json::value* id = &null_id();
        for (const auto& call : batch) {
            if (!call.is_object()) continue;
            const CallShape shape = shape_of(call.get_object());
            if (shape.valid_version && shape.id && shape.method) {
                id = shape.id;
                break;
            }
        }
        json::array out;
        out.push_back(make_error_response(*id, kInvalidRequest, "batch too large"));
        return json::serialize(out);
    }

    std::string out = "[";
    std::size_t result_bytes = 0;
    bool too_large = false;
    for (const auto& call : batch) {
        std::optional<json::value> response;
        if (!too_large) {
            response = handle_call(call, ctx);
        } else if (call.is_object()) {
            // geth's batchResponseMaxSize: calls after the limit are answered with -32003.
            const CallShape shape = shape_of(call.get_object());
            if (shape.id && shape.valid_version && shape.method) {
                response = make_error_response(*shape.id, kResponseTooLarge, "response too large");
            }
        }
        if (!response) continue;
        const bool has_result = response->get_object().contains("result");
        std::string text = json::serialize(*response);
        if (has_result) result_bytes += text.size();
        if (out.size() > 1) out += ',';
        out += text;
        if (m_limits.batch_response_bytes != 0 && result_bytes > m_limits.batch_response_bytes) {
            too_large = true;
        }
    }
    if (out.size() == 1) return std::nullopt;
    out += ']';
    return out;
}

std::optional<std::string> Dispatcher::handle(std::string_view request,
                                              const CallContext& ctx) const {
    json::parse_options options;
    options.max_depth = kMaxJsonDepth;
    json::value parsed;
    try {
        boost::system::error_code bec;
        parsed = json::parse(json::string_view(request.data(), request.size()), bec,
                             json::storage_ptr(), options);
        if (bec) return json::serialize(make_error_response(null_id(), kParseError, "parse error"));
        if (parsed.is_array()) return handle_batch(parsed.get_array(), ctx);
        auto response = handle_call(parsed, ctx);
        if (!response) return std::nullopt;
        return json::serialize(*response);
    } catch (const std::exception& e) {
        // Only allocation failure can get here; answer rather than take the connection down.
        spdlog::warn("rpc: request failed: {}", e.what());
        return json::serialize(make_error_response(null_id(), kInternalError, e.what()));
    }
}

}  // namespace yunlian::rpc
