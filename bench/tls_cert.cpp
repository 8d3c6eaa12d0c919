// SPDX-License-Identifier: GPL-3.0-or-later
#include "tls_cert.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <memory>

namespace kollega::bench {

namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<FILE, FileCloser>;

}  // namespace

bool WriteSelfSignedCert(const std::string& cert_path, const std::string& key_path,
                         std::string* error) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
  if (!key || !cert) {
    *error = "OpenSSL could not make a key";
    return false;
  }
  X509_NAME* name = X509_get_subject_name(cert.get());
  bool ok = X509_set_version(cert.get(), 2) == 1 &&
            ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1) == 1 &&
            X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60) != nullptr &&
            X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600) != nullptr &&
            X509_set_pubkey(cert.get(), key.get()) == 1 &&
            X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                       reinterpret_cast<const unsigned char*>("localhost"), -1, -1,
                                       0) == 1 &&
            X509_set_issuer_name(cert.get(), name) == 1 &&
            X509_sign(cert.get(), key.get(), EVP_sha256()) > 0;
  if (!ok) {
    *error = "OpenSSL could not sign the certificate";
    return false;
  }
  File cert_file(std::fopen(cert_path.c_str(), "w"));
  File key_file(std::fopen(key_path.c_str(), "w"));
  if (!cert_file || !key_file || PEM_write_X509(cert_file.get(), cert.get()) != 1 ||
      PEM_write_PrivateKey(key_file.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    *error = "cannot write " + cert_path + " or " + key_path;
    return false;
  }
  return true;
}

}  // namespace kollega::bench
