// Hostile bytes through every p2p decoder a peer can reach: the frame splitter (fed in pieces
// whose sizes come from the input), the Hello, the peer-exchange list, and peer addresses.
// Nothing may crash, hang or buffer past the frame limit.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "p2p/frame.hpp"
#include "p2p/hello.hpp"
#include "p2p/peer_address.hpp"
#include "p2p/pex.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace yunlian;
    using namespace yunlian::p2p;
    const BytesView input(data, size);

    FrameLimits limits;
    limits.max_frame_size = 4096;
    limits.by_type[20] = 64;
    FrameDecoder decoder(limits);
    std::vector<Frame> frames;
    std::size_t pos = 0;
    std::size_t step = size > 0 ? (data[0] % 17) + 1 : 1;
    while (pos < size) {
        const std::size_t take = std::min(step, size - pos);
        auto fed = decoder.feed(input.subspan(pos, take), frames);
        if (!fed) break;
        if (decoder.buffered() > kFrameHeaderSize + limits.max_frame_size) __builtin_trap();
        pos += take;
        step = step * 3 % 29 + 1;
    }
    for (const Frame& f : frames) {
        if (f.payload.size() > limits.limit_for(f.type)) __builtin_trap();
        if (f.type == static_cast<MessageType>(ControlType::kHello)) {
            if (auto hello = decode_hello(f.payload)) {
                (void)verify_hello(*hello, TlsRole::kClient, f.payload);
                if (encode_hello(*hello) != f.payload) __builtin_trap();
            }
        }
        if (f.type == static_cast<MessageType>(ControlType::kPex)) {
            if (auto entries = decode_pex(f.payload)) {
                if (decode_pex(encode_pex(*entries)).value() != *entries) __builtin_trap();
            }
        }
    }
    (void)decode_hello(input);
    if (auto entries = decode_pex(input)) {
        if (encode_pex(*entries) != Bytes(input.begin(), input.end())) __builtin_trap();
    }
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto address = parse_peer_address(text)) {
        if (parse_peer_address(to_string(*address)).value() != *address) __builtin_trap();
    }
    return 0;
}
