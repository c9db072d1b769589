// The message file format (see protocol.hpp for the layout and the contract).
#include "protocol.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>

namespace grader {
namespace {

constexpr char kMagic[8] = {'B', 'P', 'L', 'A', 'B', 'M', 'S', 'G'};
constexpr std::size_t kMaxNameBytes = 255;
constexpr std::uint64_t kMaxDimension = 0xFFFFFFFF;
enum Type : std::uint8_t { kMatrix = 1, kReal = 2, kInteger = 3, kString = 4 };

const char* type_name(std::size_t variant_index) {
  static const char* names[] = {"matrix", "real", "integer", "string"};
  return names[variant_index];
}

void check_name(const std::string& name) {
  if (name.empty() || name.size() > kMaxNameBytes || name.find('\0') != std::string::npos) {
    throw ProtocolError("invalid entry name \"" + name + "\": expected 1 to 255 bytes, no NUL");
  }
}

std::string names_of(const Message& m) {
  std::string out;
  for (const auto& [name, value] : m.entries()) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "none" : out;
}

// Little-endian encoding, byte by byte: the same file on every host.
template <class U>
void put(std::string& out, U value) {
  for (std::size_t i = 0; i < sizeof(U); ++i) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

void put_real(std::string& out, nn::Real value) {
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  put(out, bits);
}

// Reads the bytes of a message front to back; every read is bounds-checked and
// every failure names where it happened.
class Reader {
 public:
  Reader(const std::string& bytes, std::string source)
      : bytes_(bytes), source_(std::move(source)) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw ProtocolError(source_ + ": " + where_ + what + " (at byte " + std::to_string(at_) +
                        " of " + std::to_string(bytes_.size()) + ")");
  }
  void set_where(std::string where) { where_ = std::move(where); }
  std::size_t remaining() const { return bytes_.size() - at_; }

  void need(std::size_t n, const char* what) const {
    if (n > remaining()) {
      fail("truncated: " + std::string(what) + " needs " + std::to_string(n) + " bytes, " +
           std::to_string(remaining()) + " left");
    }
  }
  template <class U>
  U get(const char* what) {
    need(sizeof(U), what);
    U value = 0;
    for (std::size_t i = 0; i < sizeof(U); ++i) {
      value |= static_cast<U>(static_cast<unsigned char>(bytes_[at_ + i])) << (8 * i);
    }
    at_ += sizeof(U);
    return value;
  }
  nn::Real get_real(const char* what) {
    std::uint64_t bits = get<std::uint64_t>(what);
    nn::Real value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
  }
  std::string get_bytes(std::size_t n, const char* what) {
    need(n, what);
    std::string out = bytes_.substr(at_, n);
    at_ += n;
    return out;
  }

 private:
  const std::string& bytes_;
  std::string source_;
  std::string where_;
  std::size_t at_ = 0;
};

nn::Mat read_matrix(Reader& in) {
  std::uint64_t rows = in.get<std::uint64_t>("the row count");
  std::uint64_t cols = in.get<std::uint64_t>("the column count");
  std::string shape = std::to_string(rows) + "x" + std::to_string(cols);
  if (rows > kMaxDimension || cols > kMaxDimension) {
    in.fail("declares a " + shape + " matrix; a dimension is at most " +
            std::to_string(kMaxDimension));
  }
  // Checked against the bytes present before allocating: no declared size can
  // make the reader allocate more than the file holds.
  if (cols != 0 && rows > in.remaining() / sizeof(nn::Real) / cols) {
    in.fail("truncated or corrupt: declares a " + shape + " matrix, more than the " +
            std::to_string(in.remaining()) + " bytes left hold");
  }
  nn::Mat m(static_cast<nn::Index>(rows), static_cast<nn::Index>(cols));
  for (nn::Index i = 0; i < m.n_elem; ++i) m[i] = in.get_real("a matrix element");
  return m;
}

}  // namespace

void Message::set(const std::string& name, Value value) {
  check_name(name);
  entries_[name] = std::move(value);
}
void Message::set_matrix(const std::string& name, nn::Mat value) { set(name, std::move(value)); }
void Message::set_real(const std::string& name, nn::Real value) { set(name, value); }
void Message::set_integer(const std::string& name, std::int64_t value) { set(name, value); }
void Message::set_string(const std::string& name, std::string value) {
  set(name, std::move(value));
}

template <class T>
const T& Message::get(const std::string& name, const char* type) const {
  auto it = entries_.find(name);
  if (it == entries_.end()) {
    throw ProtocolError("no entry \"" + name + "\" (entries: " + names_of(*this) + ")");
  }
  if (const T* value = std::get_if<T>(&it->second)) return *value;
  throw ProtocolError("entry \"" + name + "\" is a " + type_name(it->second.index()) +
                      ", expected a " + type);
}

const nn::Mat& Message::matrix(const std::string& name) const {
  return get<nn::Mat>(name, "matrix");
}
nn::Real Message::real(const std::string& name) const { return get<nn::Real>(name, "real"); }
std::int64_t Message::integer(const std::string& name) const {
  return get<std::int64_t>(name, "integer");
}
const std::string& Message::string(const std::string& name) const {
  return get<std::string>(name, "string");
}

std::string encode(const Message& message) {
  std::string out(kMagic, sizeof kMagic);
  put<std::uint32_t>(out, kProtocolVersion);
  put<std::uint32_t>(out, static_cast<std::uint32_t>(message.entries().size()));
  for (const auto& [name, value] : message.entries()) {
    put<std::uint8_t>(out, static_cast<std::uint8_t>(value.index() + 1));
    put<std::uint32_t>(out, static_cast<std::uint32_t>(name.size()));
    out += name;
    if (const nn::Mat* m = std::get_if<nn::Mat>(&value)) {
      put<std::uint64_t>(out, m->n_rows);
      put<std::uint64_t>(out, m->n_cols);
      for (nn::Index i = 0; i < m->n_elem; ++i) put_real(out, (*m)[i]);
    } else if (const nn::Real* r = std::get_if<nn::Real>(&value)) {
      put_real(out, *r);
    } else if (const std::int64_t* n = std::get_if<std::int64_t>(&value)) {
      put<std::uint64_t>(out, static_cast<std::uint64_t>(*n));
    } else {
      const std::string& s = std::get<std::string>(value);
      put<std::uint64_t>(out, s.size());
      out += s;
    }
  }
  return out;
}

Message decode(const std::string& bytes, const ReadLimits& limits, const std::string& source) {
  Reader in(bytes, source);
  if (bytes.size() > limits.max_total_bytes) {
    in.fail("too large: " + std::to_string(bytes.size()) + " bytes, at most " +
            std::to_string(limits.max_total_bytes) + " accepted");
  }
  if (in.get_bytes(sizeof kMagic, "the magic") != std::string(kMagic, sizeof kMagic)) {
    in.fail("not a message file (wrong magic; expected \"BPLABMSG\")");
  }
  std::uint32_t version = in.get<std::uint32_t>("the version");
  if (version != kProtocolVersion) {
    in.fail("unsupported version " + std::to_string(version) + ", expected " +
            std::to_string(kProtocolVersion));
  }
  std::uint32_t count = in.get<std::uint32_t>("the entry count");
  if (count > limits.max_entries) {
    in.fail("declares " + std::to_string(count) + " entries, at most " +
            std::to_string(limits.max_entries) + " accepted");
  }

  Message message;
  std::string previous;
  for (std::uint32_t k = 0; k < count; ++k) {
    in.set_where("entry " + std::to_string(k) + ": ");
    std::uint8_t type = in.get<std::uint8_t>("the entry type");
    std::uint32_t length = in.get<std::uint32_t>("the name length");
    if (length == 0 || length > kMaxNameBytes) {
      in.fail("name length " + std::to_string(length) + ", expected 1 to 255");
    }
    std::string name = in.get_bytes(length, "the name");
    if (name.find('\0') != std::string::npos) in.fail("the name contains a NUL byte");
    if (k > 0 && name <= previous) {
      in.fail("name \"" + name + "\" repeated or out of order (after \"" + previous + "\")");
    }
    in.set_where("entry " + std::to_string(k) + " \"" + name + "\": ");
    switch (type) {
      case kMatrix:
        message.set_matrix(name, read_matrix(in));
        break;
      case kReal:
        message.set_real(name, in.get_real("the value"));
        break;
      case kInteger:
        message.set_integer(name, static_cast<std::int64_t>(in.get<std::uint64_t>("the value")));
        break;
      case kString: {
        std::uint64_t size = in.get<std::uint64_t>("the string length");
        if (size > limits.max_string_bytes) {
          in.fail("declares a string of " + std::to_string(size) + " bytes, at most " +
                  std::to_string(limits.max_string_bytes) + " accepted");
        }
        message.set_string(name, in.get_bytes(static_cast<std::size_t>(size), "the string"));
        break;
      }
      default:
        in.fail("unknown entry type " + std::to_string(type) + ", expected 1 to 4");
    }
    previous = name;
  }
  in.set_where("");
  if (in.remaining() != 0) {
    in.fail(std::to_string(in.remaining()) + " unexpected bytes after the last entry");
  }
  return message;
}

void write_message(const Message& message, const std::string& path) {
  const std::string bytes = encode(message);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) throw ProtocolError("cannot write " + tmp + ": " + std::strerror(errno));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    throw ProtocolError("cannot rename " + tmp + " to " + path + ": " + std::strerror(errno));
  }
}

Message read_message(const std::string& path, const ReadLimits& limits) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw ProtocolError(path + ": cannot open: " + std::strerror(errno));
  std::streamoff size = in.tellg();
  if (size < 0) throw ProtocolError(path + ": cannot tell its size");
  if (static_cast<std::uint64_t>(size) > limits.max_total_bytes) {
    throw ProtocolError(path + ": too large: " + std::to_string(size) + " bytes, at most " +
                        std::to_string(limits.max_total_bytes) + " accepted");
  }
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  in.read(bytes.data(), size);
  if (in.gcount() != size) throw ProtocolError(path + ": read error");
  return decode(bytes, limits, path);
}

const nn::Mat& expect_matrix(const Message& message, const std::string& name, nn::Index rows,
                             nn::Index cols) {
  const nn::Mat& m = message.matrix(name);
  if (m.n_rows != rows || m.n_cols != cols) {
    throw ProtocolError("entry \"" + name + "\" is " + std::to_string(m.n_rows) + "x" +
                        std::to_string(m.n_cols) + ", expected " + std::to_string(rows) + "x" +
                        std::to_string(cols));
  }
  return m;
}

void append_frame(std::string& out, const std::string& bytes) {
  put(out, static_cast<std::uint64_t>(bytes.size()));
  out += bytes;
}

std::vector<std::string> read_frames(const std::string& bytes, std::size_t max_frames) {
  std::vector<std::string> frames;
  std::size_t at = 0;
  while (frames.size() < max_frames && bytes.size() - at >= 8) {
    std::uint64_t length = 0;
    for (std::size_t i = 0; i < 8; ++i)
      length |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
    at += 8;
    if (length > bytes.size() - at) break;
    frames.push_back(bytes.substr(at, static_cast<std::size_t>(length)));
    at += static_cast<std::size_t>(length);
  }
  return frames;
}

}  // namespace grader
