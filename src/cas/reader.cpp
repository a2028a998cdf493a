#include "cas/reader.hpp"

#include <algorithm>
#include <future>

#include "cas/dag_pb.hpp"
#include "cas/unixfs.hpp"

namespace yunlian::cas {
namespace {

// Far deeper than any balanced DAG (174^8 chunks of 256 KiB is more than 10^23 bytes) and any
// sane directory tree, yet bounded, so a hostile DAG cannot recurse without end.
constexpr unsigned kMaxDepth = 64;

Failure malformed(const Cid& cid, CasError error) {
    return Failure{FailureKind::kMalformed, cid.to_string(), error};
}

/// A decoded dag-pb node with its UnixFS data; `block` owns the bytes both view.
struct UnixfsNode {
    Bytes block;
    PbNode node;
    UnixfsData unixfs;
};

Result<UnixfsNode, Failure> load_unixfs(const BlockSource& source, const Cid& cid) {
    UnixfsNode out;
    auto block = source.get(cid);
    if (!block) return Unexpected(block.error());
    out.block = std::move(*block);
    auto node = decode_pb_node(out.block);
    if (!node) return Unexpected(malformed(cid, node.error()));
    out.node = std::move(*node);
    if (!out.node.data) return Unexpected(malformed(cid, CasError::kMissingField));
    auto unixfs = decode_unixfs(*out.node.data);
    if (!unixfs) return Unexpected(malformed(cid, unixfs.error()));
    out.unixfs = std::move(*unixfs);
    return out;
}

bool is_file_type(UnixfsType type) noexcept {
    return type == UnixfsType::kFile || type == UnixfsType::kRaw;
}

}  // namespace

Result<ContentPath, CasError> parse_content_path(std::string_view text) {
    if (text.starts_with("/ipfs/")) text.remove_prefix(6);
    const auto slash = text.find('/');
    auto root = Cid::parse(text.substr(0, slash));
    if (!root) return Unexpected(root.error());
    ContentPath out{*root, {}};
    if (slash == std::string_view::npos) return out;
    std::string_view rest = text.substr(slash + 1);
    while (!rest.empty()) {
        const auto next = rest.find('/');
        const auto segment = rest.substr(0, next);
        if (!segment.empty()) {
            if (!out.path.empty()) out.path.push_back('/');
            out.path.append(segment);
        }
        if (next == std::string_view::npos) break;
        rest.remove_prefix(next + 1);
    }
    return out;
}

Result<Cid, Failure> DagReader::resolve(const Cid& root, std::string_view path) const {
    Cid current = root;
    unsigned depth = 0;
    while (!path.empty()) {
        const auto slash = path.find('/');
        const auto name = path.substr(0, slash);
        path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
        if (name.empty()) continue;
        if (++depth > kMaxDepth)
            return Unexpected(Failure{FailureKind::kTooDeep, root.to_string()});
        if (current.codec != Codec::kDagPb) {
            return Unexpected(Failure{FailureKind::kNotADirectory, current.to_string()});
        }
        auto dir = load_unixfs(m_source, current);
        if (!dir) return Unexpected(dir.error());
        if (dir->unixfs.type != UnixfsType::kDirectory) {
            return Unexpected(Failure{FailureKind::kNotADirectory, current.to_string()});
        }
        const auto it = std::find_if(dir->node.links.begin(), dir->node.links.end(),
                                     [&](const PbLink& link) { return link.name == name; });
        if (it == dir->node.links.end()) {
            return Unexpected(
                Failure{FailureKind::kNotFound, current.to_string() + "/" + std::string(name)});
        }
        current = it->cid;
    }
    return current;
}

Result<NodeInfo, Failure> DagReader::stat(const Cid& cid) const {
    if (cid.codec == Codec::kRaw) {
        auto block = m_source.get(cid);
        if (!block) return Unexpected(block.error());
        return NodeInfo{NodeKind::kFile, block->size()};
    }
    auto node = load_unixfs(m_source, cid);
    if (!node) return Unexpected(node.error());
    if (node->unixfs.type == UnixfsType::kDirectory) return NodeInfo{NodeKind::kDirectory, 0};
    if (!is_file_type(node->unixfs.type)) {
        return Unexpected(malformed(cid, CasError::kBadUnixfsType));
    }
    return NodeInfo{NodeKind::kFile, unixfs_content_size(node->unixfs)};
}

Result<std::vector<DirListing>, Failure> DagReader::list(const Cid& cid) const {
    if (cid.codec != Codec::kDagPb) {
        return Unexpected(Failure{FailureKind::kNotADirectory, cid.to_string()});
    }
    auto dir = load_unixfs(m_source, cid);
    if (!dir) return Unexpected(dir.error());
    if (dir->unixfs.type != UnixfsType::kDirectory) {
        return Unexpected(Failure{FailureKind::kNotADirectory, cid.to_string()});
    }
    std::vector<DirListing> out;
    for (const auto& link : dir->node.links) {
        out.push_back(DirListing{link.name.value_or(""), link.cid, link.tsize.value_or(0)});
    }
    return out;
}

Result<void, Failure> DagReader::read(const Cid& cid, std::uint64_t offset, std::uint64_t length,
                                      const ByteSink& sink) const {
    auto info = stat(cid);
    if (!info) return Unexpected(info.error());
    if (info->kind != NodeKind::kFile) {
        return Unexpected(Failure{FailureKind::kNotAFile, cid.to_string()});
    }
    if (offset > info->size || (offset == info->size && info->size > 0)) {
        return Unexpected(Failure{FailureKind::kRangeNotSatisfiable, cid.to_string()});
    }
    const std::uint64_t end = offset + std::min(length, info->size - offset);
    return read_node(cid, info->size, offset, end, 0, sink);
}

Result<void, Failure> DagReader::read_node(const Cid& cid, std::uint64_t expected_size,
                                           std::uint64_t begin, std::uint64_t end, unsigned depth,
                                           const ByteSink& sink) const {
    auto block = m_source.get(cid);
    if (!block) return Unexpected(block.error());
    return read_block(cid, std::move(*block), expected_size, begin, end, depth, sink);
}

Result<void, Failure> DagReader::read_block(const Cid& cid, Bytes block,
                                            std::uint64_t expected_size, std::uint64_t begin,
                                            std::uint64_t end, unsigned depth,
                                            const ByteSink& sink) const {
    if (depth > kMaxDepth) return Unexpected(Failure{FailureKind::kTooDeep, cid.to_string()});
    if (cid.codec == Codec::kRaw) {
        if (block.size() != expected_size) {
            return Unexpected(malformed(cid, CasError::kBlockSizesMismatch));
        }
        if (begin < end) sink(BytesView(block).subspan(begin, end - begin));
        return {};
    }
    auto pb = decode_pb_node(block);
    if (!pb) return Unexpected(malformed(cid, pb.error()));
    if (!pb->data) return Unexpected(malformed(cid, CasError::kMissingField));
    auto decoded = decode_unixfs(*pb->data);
    if (!decoded) return Unexpected(malformed(cid, decoded.error()));
    const auto& unixfs = *decoded;
    const auto& links = pb->links;
    if (!is_file_type(unixfs.type)) return Unexpected(malformed(cid, CasError::kBadUnixfsType));
    // The sizes a parent promised must add up, or a seek would land in the wrong place.
    if (unixfs.blocksizes.size() != links.size() || unixfs_content_size(unixfs) != expected_size ||
        (unixfs.filesize && *unixfs.filesize != expected_size)) {
        return Unexpected(malformed(cid, CasError::kBlockSizesMismatch));
    }
    const std::uint64_t data_size = unixfs.data ? unixfs.data->size() : 0;
    if (begin < std::min(end, data_size)) {
        sink(unixfs.data->subspan(begin, std::min(end, data_size) - begin));
    }
    // The children that overlap [begin, end), with their offsets in this node.
    std::vector<std::pair<std::size_t, std::uint64_t>> wanted;
    std::uint64_t pos = data_size;
    for (std::size_t i = 0; i < links.size() && pos < end; ++i) {
        const std::uint64_t size = unixfs.blocksizes[i];
        if (pos + size > begin && size > 0) wanted.emplace_back(i, pos);
        pos += size;
    }
    // While one child is being read and handed to the sink, the next is fetched and verified on
    // another thread: hashing overlaps sending.
    std::future<Result<Bytes, Failure>> next;
    for (std::size_t k = 0; k < wanted.size(); ++k) {
        const auto [index, child_pos] = wanted[k];
        Result<Bytes, Failure> child = k == 0 ? m_source.get(links[index].cid) : next.get();
        if (k + 1 < wanted.size()) {
            const Cid following = links[wanted[k + 1].first].cid;
            next = std::async(std::launch::async,
                              [this, following] { return m_source.get(following); });
        }
        if (!child) return Unexpected(child.error());
        const std::uint64_t size = unixfs.blocksizes[index];
        auto ok = read_block(links[index].cid, std::move(*child), size,
                             std::max(begin, child_pos) - child_pos,
                             std::min(end, child_pos + size) - child_pos, depth + 1, sink);
        if (!ok) return ok;
    }
    return {};
}

}  // namespace yunlian::cas
