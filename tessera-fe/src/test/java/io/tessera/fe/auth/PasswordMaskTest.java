package io.tessera.fe.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Passwords are masked in statement texts that are logged, whether the statement parses or not. */
class PasswordMaskTest {
    @Test
    void masksEveryWayAPasswordIsWritten() {
        assertThat(PasswordMask.mask("CREATE USER 'u'@'%' IDENTIFIED BY 'se''cr\\'et' DEFAULT ROLE 'r'"))
                .isEqualTo("CREATE USER 'u'@'%' IDENTIFIED BY '*****' DEFAULT ROLE 'r'");
        assertThat(PasswordMask.mask("alter user u identified   by password \"*6BB4837EB74329105EE4568DDA7DC67ED2CA2AD9\""))
                .isEqualTo("alter user u identified   by password '*****'");
        assertThat(PasswordMask.mask("SET PASSWORD FOR 'u'@'%' = PASSWORD('pw')"))
                .isEqualTo("SET PASSWORD FOR 'u'@'%' = PASSWORD('*****')");
        assertThat(PasswordMask.mask("SET PASSWORD = '*6BB4837EB74329105EE4568DDA7DC67ED2CA2AD9'"))
                .isEqualTo("SET PASSWORD = '*****'");
        assertThat(PasswordMask.mask("CREATE USER u IDENTIFIED BY 'unterminated"))
                .isEqualTo("CREATE USER u IDENTIFIED BY '*****'");
        assertThat(PasswordMask.mask("SELECT 'identified' FROM t")).isEqualTo("SELECT 'identified' FROM t");
    }

    @Test
    void masksPluginFormsAndBareWords() {
        assertThat(PasswordMask.mask("CREATE USER u IDENTIFIED WITH mysql_native_password BY 'secret'"))
                .isEqualTo("CREATE USER u IDENTIFIED WITH mysql_native_password BY '*****'");
        assertThat(PasswordMask.mask("ALTER USER u IDENTIFIED WITH 'mysql_native_password' AS '*6BB4'"))
                .isEqualTo("ALTER USER u IDENTIFIED WITH 'mysql_native_password' AS '*****'");
        assertThat(PasswordMask.mask("CREATE USER u IDENTIFIED BY secret")).isEqualTo("CREATE USER u IDENTIFIED BY '*****'");
        // MySQL joins adjacent strings: 'my' 'secret' is one password.
        assertThat(PasswordMask.mask("CREATE USER u IDENTIFIED BY 'my' \"secret\" ROLE r"))
                .isEqualTo("CREATE USER u IDENTIFIED BY '*****' ROLE r");
    }

    @Test
    void masksThePasswordsOfAStatementInTextMadeFromIt() {
        String sql = "CREATE USER u IDENTIFIED BY 'secret' ROLE";
        assertThat(PasswordMask.maskLiterals(sql, "\nextraneous input ''secret'' expecting <EOF>(line 1, pos 28)"))
                .isEqualTo("\nextraneous input '*****' expecting <EOF>(line 1, pos 28)");
        assertThat(PasswordMask.maskLiterals("SET PASSWORD = PASSWORD('')", "no 'password' here"))
                .isEqualTo("no 'password' here");
        assertThat(PasswordMask.maskLiterals("SELECT 1", "message")).isEqualTo("message");
    }
}
