// Errors as values. A layer that fails returns an Error; each caller that
// knows more adds context in front ("loading baseline x.json: ..."), so the
// message the user finally reads says where and why.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace perfgate {

/// What kind of failure an error is; it decides the process exit code.
enum class ErrorKind {
  kInput = 2,   ///< a usage or input error: bad flag, malformed file
  kTarget = 3,  ///< a benchmark or target failed while running
};

/// A failure with a message for the user, lowercase, no final period.
class Error {
 public:
  explicit Error(std::string message, ErrorKind kind = ErrorKind::kInput)
      : message_(std::move(message)), kind_(kind) {}

  const std::string& message() const { return message_; }
  ErrorKind kind() const { return kind_; }

  /// Returns this error with `context` in front: "context: message".
  Error with_context(const std::string& context) const {
    return Error(context + ": " + message_, kind_);
  }

 private:
  std::string message_;
  ErrorKind kind_;
};

/// Either a value or the Error that prevented it.
template <class T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Expected(Error error) : state_(std::move(error)) {}  // NOLINT

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() { assert(has_value()); return std::get<0>(state_); }
  const T& value() const { assert(has_value()); return std::get<0>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!has_value()); return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

/// Success, or the Error that happened instead.
template <>
class [[nodiscard]] Expected<void> {
 public:
  Expected() = default;
  Expected(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT

  bool has_value() const { return !failed_; }
  explicit operator bool() const { return has_value(); }
  const Error& error() const { assert(failed_); return error_; }

 private:
  Error error_{""};
  bool failed_ = false;
};

using Status = Expected<void>;

}  // namespace perfgate
