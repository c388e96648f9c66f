package io.callpulse.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class gets the run's real ClickHouse server: declare a {@link ClickHouseServer} or a
 * {@link ClickHouseDatabase} parameter (a database of its own per test class) on a constructor, a
 * {@code @BeforeAll}/{@code @BeforeEach} method or a test method.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ClickHouseExtension.class)
public @interface RealClickHouse {}
