#include "workspace/safe_files.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "common/errors.hpp"
#include "common/ids.hpp"
#include "workspace/atomic_file.hpp"

namespace nbdash::workspace {

namespace {

class Fd {
public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Fd& operator=(Fd&& other) noexcept {
        if (this != &other) {
            if (fd_ >= 0) ::close(fd_);
            fd_ = std::exchange(other.fd_, -1);
        }
        return *this;
    }
    int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }

private:
    int fd_;
};

[[noreturn]] void io_error(int error, const std::string& what) {
    throw std::system_error(error, std::generic_category(), what);
}

[[noreturn]] void unsafe(const std::string& what) {
    throw ClientError("unsafe_path", what + " is a symbolic link or not a regular entry; "
                                            "refused");
}

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

// Opens a folder under parent without following a link. nullopt when absent and !create.
std::optional<Fd> open_child_dir(int parent, const std::string& name, bool create) {
    int fd = ::openat(parent, name.c_str(), kDirFlags);
    if (fd < 0 && errno == ENOENT && create) {
        if (::mkdirat(parent, name.c_str(), 0700) != 0 && errno != EEXIST) {
            io_error(errno, "cannot create folder " + name);
        }
        fd = ::openat(parent, name.c_str(), kDirFlags);
    }
    if (fd >= 0) return Fd(fd);
    if (errno == ENOENT) return std::nullopt;
    if (errno == ELOOP || errno == ENOTDIR) unsafe(name);
    io_error(errno, "cannot open folder " + name);
}

std::optional<Fd> open_dirs(const std::filesystem::path& root, const PathParts& dirs, bool create) {
    Fd current(::open(root.c_str(), kDirFlags));
    if (current.get() < 0) {
        if (errno == ENOENT) return std::nullopt;
        if (errno == ELOOP || errno == ENOTDIR) unsafe("the bot's folder");
        io_error(errno, "cannot open the bot's folder");
    }
    for (const auto& part : dirs) {
        check_component(part);
        auto next = open_child_dir(current.get(), part, create);
        if (!next) return std::nullopt;
        current = std::move(*next);
    }
    return current;
}

// Refuses a link or anything but a regular file at dir/name; false when absent.
bool existing_regular_file(int dir, const std::string& name) {
    struct stat st {};
    if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) return false;
        io_error(errno, "cannot inspect " + name);
    }
    if (!S_ISREG(st.st_mode)) unsafe(name);
    return true;
}

void remove_entry(int dir, const std::string& name) {
    struct stat st {};
    if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) return;
        io_error(errno, "cannot inspect " + name);
    }
    if (S_ISDIR(st.st_mode)) {
        auto child = open_child_dir(dir, name, false);
        if (child) {
            int listing_fd = ::dup(child->get());
            if (listing_fd < 0) io_error(errno, "cannot list " + name);
            DIR* listing = ::fdopendir(listing_fd);
            if (!listing) {
                ::close(listing_fd);
                io_error(errno, "cannot list " + name);
            }
            std::vector<std::string> entries;
            while (dirent* entry = ::readdir(listing)) {
                std::string entry_name = entry->d_name;
                if (entry_name != "." && entry_name != "..") entries.push_back(entry_name);
            }
            ::closedir(listing);
            for (const auto& entry : entries) remove_entry(child->get(), entry);
        }
        if (::unlinkat(dir, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
            io_error(errno, "cannot remove " + name);
        }
        return;
    }
    if (::unlinkat(dir, name.c_str(), 0) != 0 && errno != ENOENT) {
        io_error(errno, "cannot remove " + name);
    }
}

}  // namespace

void check_component(std::string_view name) {
    bool bad = name.empty() || name == "." || name == ".." || name.size() > 255 ||
               name.find('/') != std::string_view::npos ||
               name.find('\0') != std::string_view::npos;
    if (bad) {
        throw ClientError("unsafe_path", "a file or folder name must be one path component of "
                                         "at most 255 bytes, without '/', NUL, '.' or '..'");
    }
}

std::optional<FileContent> read_inside(const std::filesystem::path& root, const PathParts& dirs,
                                       std::string_view name, std::size_t max_bytes) {
    check_component(name);
    auto dir = open_dirs(root, dirs, false);
    if (!dir) return std::nullopt;
    std::string file_name(name);
    Fd fd(::openat(dir->get(), file_name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0) {
        if (errno == ENOENT) return std::nullopt;
        if (errno == ELOOP) unsafe(file_name);
        io_error(errno, "cannot open " + file_name);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) io_error(errno, "cannot inspect " + file_name);
    if (!S_ISREG(st.st_mode)) unsafe(file_name);
    if (static_cast<std::size_t>(st.st_size) > max_bytes) {
        throw ApiError(413, "file_too_large", file_name + " is larger than " +
                                                  std::to_string(max_bytes) + " bytes");
    }
    FileContent result;
    result.info.size = st.st_size;
    result.info.modified_unix = st.st_mtim.tv_sec;
    result.content.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (done < result.content.size()) {
        ssize_t got = ::read(fd.get(), result.content.data() + done, result.content.size() - done);
        if (got < 0) {
            if (errno == EINTR) continue;
            io_error(errno, "cannot read " + file_name);
        }
        if (got == 0) break;  // shrank while reading
        done += static_cast<std::size_t>(got);
    }
    result.content.resize(done);
    return result;
}

void write_inside(const std::filesystem::path& root, const PathParts& dirs, std::string_view name,
                  std::string_view content, std::filesystem::perms mode, bool create_dirs) {
    check_component(name);
    auto dir = open_dirs(root, dirs, create_dirs);
    if (!dir) io_error(ENOENT, "the folder for " + std::string(name) + " does not exist");
    std::string file_name(name);
    existing_regular_file(dir->get(), file_name);  // refuses a planted link
    std::string temp = "." + file_name + ".tmp-" + random_hex(6);
    Fd fd(::openat(dir->get(), temp.c_str(),
                   O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (fd.get() < 0) io_error(errno, "cannot create a temporary file for " + file_name);
    auto fail = [&](const std::string& what) {
        int saved = errno;
        ::unlinkat(dir->get(), temp.c_str(), 0);
        io_error(saved, what + " " + file_name);
    };
    if (::fchmod(fd.get(), static_cast<mode_t>(mode)) != 0) fail("cannot set the mode of");
    if (!write_all(fd.get(), content)) fail("cannot write");
    if (::fsync(fd.get()) != 0) fail("cannot flush");
    if (::close(fd.release()) != 0) fail("cannot flush");
    if (::renameat(dir->get(), temp.c_str(), dir->get(), file_name.c_str()) != 0) {
        fail("cannot replace");
    }
    ::fsync(dir->get());
}

bool remove_inside(const std::filesystem::path& root, const PathParts& dirs, std::string_view name) {
    check_component(name);
    auto dir = open_dirs(root, dirs, false);
    if (!dir) return false;
    std::string entry(name);
    struct stat st {};
    if (::fstatat(dir->get(), entry.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) return false;
        io_error(errno, "cannot inspect " + entry);
    }
    remove_entry(dir->get(), entry);
    ::fsync(dir->get());
    return true;
}

std::vector<std::string> list_dirs_inside(const std::filesystem::path& root, const PathParts& dirs) {
    std::vector<std::string> names;
    auto dir = open_dirs(root, dirs, false);
    if (!dir) return names;
    DIR* listing = ::fdopendir(dir->release());
    if (!listing) io_error(errno, "cannot list a folder");
    while (dirent* entry = ::readdir(listing)) {
        std::string name = entry->d_name;
        if (name == "." || name == "..") continue;
        struct stat st {};
        if (::fstatat(::dirfd(listing), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISDIR(st.st_mode)) {
            names.push_back(name);
        }
    }
    ::closedir(listing);
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace nbdash::workspace
