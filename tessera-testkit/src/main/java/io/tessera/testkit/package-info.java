/**
 * What the FE's, the BE's and the end-to-end tests share, since test code is not shared between
 * Maven modules: the fuzz suite's settings hook ({@link io.tessera.testkit.FuzzSettings}) and its
 * check of client messages ({@link io.tessera.testkit.ClientMessages}), and the TLS tests'
 * certificate authority ({@link io.tessera.testkit.TestCertificates}). Only tests depend on it.
 */
package io.tessera.testkit;
