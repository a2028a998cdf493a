// EIP-4844 point evaluation (precompile 0x0a): vectors from the Ethereum state tests
// (GeneralStateTests/Pyspecs/cancun/eip4844_blobs/point_evaluation_precompile_external_vectors,
// whose inputs come from the consensus specs' verify_kzg_proof tests), named after their case,
// plus the input-shape rules of the EIP.

#include "crypto/kzg.hpp"

#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "common/hex.hpp"
#include "crypto/sha256.hpp"

namespace yunlian::crypto {
namespace {

struct KzgVector {
    const char* name;
    const char* input;
    std::optional<KzgError> error;  ///< nothing when the proof verifies
};

const KzgVector kVectors[] = {
    {"correct_proof_1ce8e4f69d5df899",
     "01ad7666ef9d8f53b5adf54f029b13b6f171b1d0bd346a2ede315d3e243484ef73eda753299d7d483339d80809a1d"
     "805"
     "53bda402fffe5bfeffffffff000000000000000000000000000000000000000000000000000000000000000000000"
     "000"
     "93efc82d2017e9c57834a1246463e64774e56183bb247c8fc9dd98c56817e878d97b05f5c8d900acf1fbbbca6f146"
     "556"
     "92c51ff81dd71dab71cefecd79e8274b4b7ba36a0f40e2dc086bc4061c7f63249877db23297212991fd63e07b7ebc"
     "348",
     std::nullopt},
    {"correct_proof_02e696ada7d4631d",
     "010657f37554c781402a22917dee2f75def7ab966d7b770905398eba3c44401400000000000000000000000000000"
     "000"
     "000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000"
     "000"
     "c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "000"
     "c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "000",
     std::nullopt},
    {"correct_proof_05c1f3685f3393f0",
     "01cf45213dd7b4716864d378f3c6d861467987e4d94b7f79a1f814a697e38637564c0a11a0f704f4fc3e8acfe0f82"
     "45f"
     "0ad1347b378fbf96e206da11a5d363060000000000000000000000000000000000000000000000000000000000000"
     "002"
     "a572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f75bb8f1c7c42c39a8c5529bf0"
     "f4e"
     "c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "000",
     std::nullopt},
    {"correct_proof_point_at_infinity_for_twos_poly_05c1f3685f3393f0",
     "01cf45213dd7b4716864d378f3c6d861467987e4d94b7f79a1f814a697e38637564c0a11a0f704f4fc3e8acfe0f82"
     "45f"
     "0ad1347b378fbf96e206da11a5d363060000000000000000000000000000000000000000000000000000000000000"
     "002"
     "a572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f75bb8f1c7c42c39a8c5529bf0"
     "f4e"
     "c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "000",
     std::nullopt},
    {"correct_proof_point_at_infinity_for_zero_poly_02e696ada7d4631d",
     "010657f37554c781402a22917dee2f75def7ab966d7b770905398eba3c44401400000000000000000000000000000"
     "000"
     "000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000"
     "000"
     "c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "000"
     "c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "000",
     std::nullopt},
    {"incorrect_proof_53a9bdf4f75196da",
     "01466f7b14f0722bd581cf49418cd43fa8f085ce16e09cd3cdf65b3dfbbcb8c0564c0a11a0f704f4fc3e8acfe0f82"
     "45f"
     "0ad1347b378fbf96e206da11a5d3630673eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000"
     "000"
     "b7f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c"
     "6bb"
     "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c"
     "6bb",
     KzgError::kVerificationFailed},
    {"incorrect_proof_point_at_infinity_392169c16a2e5ef6",
     "014edfed8547661f6cb416eba53061a2f6dce872c0497e6dd485a876fe2567f173eda753299d7d483339d80809a1d"
     "805"
     "53bda402fffe5bfeffffffff00000000304962b3598a0adf33189fdfd9789feab1096ff40006900400000003fffff"
     "ffc"
     "a421e229565952cfff4ef3517100a97da1d4fe57956fa50a442f92af03b1bf37adacc8ad4ed209b31287ea5bb94d9"
     "d06"
     "c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
     "000",
     KzgError::kVerificationFailed},
    {"invalid_commitment_32afa9561a4b3b91",
     "016564752c546f453adeb98716f70a1167a34ffcc8aa605e2f3b0e0dbd8804f400000000000000000000000000000"
     "000"
     "000000000000000000000000000000011824b159acc5056f998c4fefecbc4ff55884b7fa0003480200000001fffff"
     "ffe"
     "8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abc"
     "def"
     "b0c829a8d2d3405304fecbea193e6c67f7c3912a6adc7c3737ad3f8a3b750425c1531a7426f03033a3994bc82a106"
     "09f",
     KzgError::kInvalidCommitment},
    {"invalid_commitment_e9d3e9ec16fbc15f",
     "018b4962e42a010067618c230986810f6b2e12191db0762782c42bcf5462ebbc00000000000000000000000000000"
     "000"
     "000000000000000000000000000000011824b159acc5056f998c4fefecbc4ff55884b7fa0003480200000001fffff"
     "ffe"
     "8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abc"
     "de0"
     "b0c829a8d2d3405304fecbea193e6c67f7c3912a6adc7c3737ad3f8a3b750425c1531a7426f03033a3994bc82a106"
     "09f",
     KzgError::kInvalidCommitment},
    {"invalid_proof_32afa9561a4b3b91",
     "014edfed8547661f6cb416eba53061a2f6dce872c0497e6dd485a876fe2567f100000000000000000000000000000"
     "000"
     "000000000000000000000000000000011824b159acc5056f998c4fefecbc4ff55884b7fa0003480200000001fffff"
     "ffe"
     "a421e229565952cfff4ef3517100a97da1d4fe57956fa50a442f92af03b1bf37adacc8ad4ed209b31287ea5bb94d9"
     "d06"
     "8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abc"
     "def",
     KzgError::kInvalidProof},
    {"invalid_y_35d08d612aad2197",
     "01e798154708fe7789429634053cbf9f99b619f9f084048927333fce637f549b00000000000000000000000000000"
     "000"
     "00000000000000000000000000000001fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
     "fff"
     "8f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a95"
     "2b7"
     "b30b3d1e4faccc380557792c9a0374d58fa286f5f75fea48870585393f890909cd3c53cfe4897e799fb211b4be531"
     "e43",
     KzgError::kInvalidFieldElement},
    {"invalid_z_64b9ff2b8f7dddee",
     "01e798154708fe7789429634053cbf9f99b619f9f084048927333fce637f549b73eda753299d7d483339d80809a1d"
     "805"
     "53bda402fffe5bfeffffffff0000000260f840641ec0d0c0d2b77b2d5a393b329442721fad05ab78c7b98f2aa3c20"
     "ec9"
     "8f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a95"
     "2b7"
     "b30b3d1e4faccc380557792c9a0374d58fa286f5f75fea48870585393f890909cd3c53cfe4897e799fb211b4be531"
     "e43",
     KzgError::kInvalidFieldElement},
};

Bytes hex(std::string_view text) { return from_hex(text).value(); }

/// FIELD_ELEMENTS_PER_BLOB (4096) || BLS_MODULUS, each a 32-byte big-endian word.
constexpr std::string_view kSuccessOutput =
    "0000000000000000000000000000000000000000000000000000000000001000"
    "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";

TEST(Kzg, StateTestVectors) {
    for (const auto& v : kVectors) {
        const auto out = kzg_point_evaluation(hex(v.input));
        if (!v.error) {
            ASSERT_TRUE(out) << v.name << ": " << to_string(out.error());
            EXPECT_EQ(to_hex(*out, false), kSuccessOutput) << v.name;
        } else {
            ASSERT_FALSE(out) << v.name;
            EXPECT_EQ(out.error(), *v.error) << v.name;
        }
    }
}

TEST(Kzg, RejectsWrongLength) {
    Bytes input = hex(kVectors[0].input);
    input.push_back(0);
    EXPECT_EQ(kzg_point_evaluation(input).error(), KzgError::kInvalidLength);
    input.resize(191);
    EXPECT_EQ(kzg_point_evaluation(input).error(), KzgError::kInvalidLength);
    EXPECT_EQ(kzg_point_evaluation({}).error(), KzgError::kInvalidLength);
}

TEST(Kzg, RejectsVersionedHashMismatch) {
    const Bytes good = hex(kVectors[0].input);
    Bytes version = good;
    version[0] = 0x02;  // only version 0x01 (VERSIONED_HASH_VERSION_KZG) exists
    EXPECT_EQ(kzg_point_evaluation(version).error(), KzgError::kVersionedHashMismatch);
    Bytes digest = good;
    digest[31] ^= 1;
    EXPECT_EQ(kzg_point_evaluation(digest).error(), KzgError::kVersionedHashMismatch);
}

TEST(Kzg, RejectsTamperedValues) {
    const Bytes good = hex(kVectors[0].input);
    // A different y (with the hash still matching the untouched commitment) fails the pairing.
    Bytes y = good;
    y[95] ^= 1;
    EXPECT_EQ(kzg_point_evaluation(y).error(), KzgError::kVerificationFailed);
    Bytes z = good;
    z[33] ^= 1;  // this vector's z is r - 1: lower it, keeping it canonical
    EXPECT_EQ(kzg_point_evaluation(z).error(), KzgError::kVerificationFailed);
    // z = r is not canonical.
    Bytes z_is_r = good;
    const Bytes r = hex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");
    std::copy(r.begin(), r.end(), z_is_r.begin() + 32);
    EXPECT_EQ(kzg_point_evaluation(z_is_r).error(), KzgError::kInvalidFieldElement);
    // A proof without the compression flag.
    Bytes proof = good;
    proof[144] &= 0x7f;
    EXPECT_EQ(kzg_point_evaluation(proof).error(), KzgError::kInvalidProof);
}

TEST(Kzg, RejectsInvalidCommitmentEvenWithMatchingHash) {
    Bytes input = hex(kVectors[0].input);
    // x = 1 is not on the curve; fix the versioned hash so that the point check is reached.
    std::fill(input.begin() + 96, input.begin() + 144, 0);
    input[96] = 0x80;
    input[143] = 1;
    const Hash digest = sha256(BytesView(input).subspan(96, 48));
    std::copy(digest.begin(), digest.end(), input.begin());
    input[0] = 0x01;
    EXPECT_EQ(kzg_point_evaluation(input).error(), KzgError::kInvalidCommitment);
}

}  // namespace
}  // namespace yunlian::crypto
