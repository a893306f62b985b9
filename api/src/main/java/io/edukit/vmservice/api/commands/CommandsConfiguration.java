package io.edukit.vmservice.api.commands;

import io.edukit.vmservice.schemas.MessageCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandsConfiguration {

    @Bean
    MessageCodec messageCodec() {
        return new MessageCodec();
    }
}
