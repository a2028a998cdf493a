#include "types/receipt.hpp"

namespace yunlian::types {

Bytes encode_receipt(const Receipt& receipt) {
    Bytes logs;
    for (const auto& log : receipt.logs) encode_log(logs, log);
    Bytes payload;
    payload.reserve(300 + logs.size());
    rlp::encode_uint(payload, receipt.success ? 1U : 0U);
    rlp::encode_uint(payload, receipt.cumulative_gas_used);
    rlp::encode_string(payload, receipt.bloom.view());
    rlp::encode_list_header(payload, logs.size());
    append(payload, logs);
    Bytes out;
    if (receipt.type != TxType::kLegacy) out.push_back(static_cast<std::uint8_t>(receipt.type));
    rlp::encode_list_header(out, payload.size());
    append(out, payload);
    return out;
}

Result<Receipt, rlp::RlpError> decode_receipt(BytesView encoded) {
    Receipt receipt;
    if (!encoded.empty() && encoded[0] < 0x80) {
        if (encoded[0] != 1 && encoded[0] != 2) return Unexpected(rlp::RlpError::kUnexpectedString);
        receipt.type = static_cast<TxType>(encoded[0]);
        encoded = encoded.subspan(1);
    }
    auto list = rlp::ListReader::open(encoded);
    if (!list) return Unexpected(list.error());
    auto status = list->uint64();
    if (!status) return Unexpected(status.error());
    if (*status > 1) return Unexpected(rlp::RlpError::kOverflow);
    receipt.success = *status == 1;
    auto gas = list->uint64();
    if (!gas) return Unexpected(gas.error());
    receipt.cumulative_gas_used = *gas;
    auto bloom = list->fixed<256>();
    if (!bloom) return Unexpected(bloom.error());
    receipt.bloom = *bloom;
    auto logs = list->list();
    if (!logs) return Unexpected(logs.error());
    while (!logs->empty()) {
        auto log_list = logs->list();
        if (!log_list) return Unexpected(log_list.error());
        auto log = decode_log(*log_list);
        if (!log) return Unexpected(log.error());
        receipt.logs.push_back(std::move(*log));
    }
    if (auto done = list->finish(); !done) return Unexpected(done.error());
    return receipt;
}

}  // namespace yunlian::types
