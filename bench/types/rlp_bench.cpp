// RLP decoding of signed transactions (the work a node does for every transaction it receives),
// and the rest of what admission costs: hashing and sender recovery.

#include <benchmark/benchmark.h>

#include "common/hex.hpp"
#include "types/transaction.hpp"

namespace {

using namespace yunlian;

// An EIP-1559 transfer and an EIP-155 legacy transfer, as ethers.js signs them.
Bytes signed_1559() {
    types::Transaction txn;
    txn.type = types::TxType::kDynamicFee;
    txn.chain_id = 20261;
    txn.nonce = 42;
    txn.max_priority_fee_per_gas = Uint256(1'000'000'000);
    txn.max_fee_per_gas = Uint256(2'000'000'000);
    txn.gas_limit = 21000;
    txn.to = *fixed_from_hex<20>("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    txn.value = Uint256(123456789);
    const auto key =
        *fixed_from_hex<32>("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    (void)types::sign_transaction(txn, key);
    return types::encode_transaction(txn);
}

void BM_DecodeTransaction1559(benchmark::State& state) {
    const Bytes raw = signed_1559();
    for (auto _ : state) {
        auto txn = types::decode_transaction(raw);
        benchmark::DoNotOptimize(txn);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(raw.size()));
}
BENCHMARK(BM_DecodeTransaction1559);

void BM_DecodeLegacyRlpOnly(benchmark::State& state) {
    const Bytes raw = *from_hex(
        "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080"
        "25a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761ae"
        "cb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83");
    for (auto _ : state) {
        auto txn = types::decode_transaction(raw);
        benchmark::DoNotOptimize(txn);
    }
}
BENCHMARK(BM_DecodeLegacyRlpOnly);

void BM_TransactionHash(benchmark::State& state) {
    const auto txn = *types::decode_transaction(signed_1559());
    for (auto _ : state) benchmark::DoNotOptimize(types::transaction_hash(txn));
}
BENCHMARK(BM_TransactionHash);

void BM_RecoverSender(benchmark::State& state) {
    const auto txn = *types::decode_transaction(signed_1559());
    for (auto _ : state) benchmark::DoNotOptimize(types::recover_sender(txn));
}
BENCHMARK(BM_RecoverSender);

}  // namespace
