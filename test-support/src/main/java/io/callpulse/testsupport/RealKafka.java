package io.callpulse.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class gets the run's real Kafka broker: declare a {@link KafkaBroker} parameter on a
 * constructor, a {@code @BeforeAll}/{@code @BeforeEach} method or a test method.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(KafkaExtension.class)
public @interface RealKafka {}
