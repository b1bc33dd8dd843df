package org.ipythonblocks;

import java.net.URL;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.RestAssured;

/**
 * What every {@code @QuarkusTest} that talks to the site the way a notebook does starts from: the
 * site's URL, the notebook client aimed at it, and empty grid tables before and after each test (each
 * test class still owns its data). A failing REST Assured check logs its request and response.
 */
public abstract class NotebookSiteTest {

    @TestHTTPResource("/")
    protected URL root;

    @Inject
    protected TestGrids testGrids;

    protected NotebookClient client;

    /**
     * The management interface (health and metrics, never on the site's port):
     * {@code http://localhost:<its port>/q}, the port chosen at start ({@code quarkus.management.test-port=0}).
     */
    public static String management() {
        return ConfigProvider.getConfig().getValue("test.management.url", String.class);
    }

    @BeforeAll
    static void logFailedExchanges() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void startEmpty() {
        testGrids.deleteAll();
        client = new NotebookClient(root.toString());
    }

    @AfterEach
    void leaveEmpty() {
        testGrids.deleteAll();
    }
}
