#include "cas/dir_builder.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include "cas/dag_pb.hpp"
#include "cas/unixfs.hpp"
#include "crypto/sha256.hpp"

namespace yunlian::cas {
namespace {

bool valid_name(const std::string& name) {
    return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
           name.find('\0') == std::string::npos;
}

/// Closes a file descriptor on every way out.
class FileHandle {
  public:
    explicit FileHandle(const std::filesystem::path& path)
        : m_fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
        if (m_fd < 0) throw std::runtime_error("cannot open " + path.string());
    }
    ~FileHandle() { ::close(m_fd); }
    FileHandle(const FileHandle&) = delete;
    FileHandle& operator=(const FileHandle&) = delete;
    [[nodiscard]] int fd() const noexcept { return m_fd; }

  private:
    int m_fd;
};

AddedNode add_file_at(const std::filesystem::path& path, const AddOptions& options,
                      BlockSink& sink) {
    const FileHandle file(path);
    // The file is read front to back once; tell the kernel so read-ahead is generous.
    ::posix_fadvise(file.fd(), 0, 0, POSIX_FADV_SEQUENTIAL);
    FdSource source(file.fd());
    return add_file(source, options, sink);
}

AddedNode add_tree(const std::filesystem::path& path, const AddOptions& options, BlockSink& sink) {
    const auto status = std::filesystem::symlink_status(path);
    if (std::filesystem::is_regular_file(status)) return add_file_at(path, options, sink);
    if (!std::filesystem::is_directory(status)) {
        throw std::runtime_error("not a regular file or directory: " + path.string());
    }
    std::vector<DirEntry> entries;
    for (const auto& entry : std::filesystem::directory_iterator(path)) {
        entries.push_back(
            DirEntry{entry.path().filename().string(), add_tree(entry.path(), options, sink)});
    }
    return add_directory_node(std::move(entries), options, sink);
}

}  // namespace

AddedNode add_directory_node(std::vector<DirEntry> entries, const AddOptions& options,
                             BlockSink& sink) {
    std::sort(entries.begin(), entries.end(),
              [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
    PbNode node;
    std::uint64_t tsize = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (!valid_name(entries[i].name)) {
            throw std::invalid_argument("bad directory entry name: " + entries[i].name);
        }
        if (i > 0 && entries[i].name == entries[i - 1].name) {
            throw std::invalid_argument("duplicate directory entry: " + entries[i].name);
        }
        node.links.push_back(PbLink{entries[i].node.cid, entries[i].name, entries[i].node.tsize});
        tsize += entries[i].node.tsize;
    }
    UnixfsData unixfs;
    unixfs.type = UnixfsType::kDirectory;
    const Bytes data = encode_unixfs(unixfs);
    node.data = BytesView(data);
    const Bytes block = encode_pb_node(node);
    const Cid cid{options.cid_version, Codec::kDagPb, crypto::sha256(block)};
    const std::array<BytesView, 1> parts{BytesView(block)};
    sink.put(cid, parts);
    return AddedNode{cid, tsize + block.size(), 0};
}

AddedNode add_path(const std::filesystem::path& path, bool recursive, const AddOptions& options,
                   BlockSink& sink) {
    check_options(options);
    if (std::filesystem::is_directory(path) && !recursive) {
        throw std::invalid_argument(path.string() + " is a directory (use -r)");
    }
    return add_tree(path, options, sink);
}

}  // namespace yunlian::cas
